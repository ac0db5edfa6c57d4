import { useEffect } from 'react';
import type { Theme } from '../../../contract/settings.ts';
import { useSettings } from '../stores/settings.ts';
import { useSession } from '../stores/session.ts';

// The theme is not a secret, and the locked screens cannot read the vault's settings: the last
// choice is remembered in the page's own storage so the unlock screen wears it too.
const STORAGE_KEY = 'keyward.theme';

function remembered(): Theme {
  const value = localStorage.getItem(STORAGE_KEY);
  return value === 'light' || value === 'dark' ? value : 'system';
}

const darkQuery = '(prefers-color-scheme: dark)';

/**
 * Puts the theme in force on <html data-theme="light|dark">, the stylesheet's one switch.
 * "system" follows prefers-color-scheme, and changes with it while the app is open.
 */
export function useTheme(): void {
  const unlocked = useSession((s) => s.status?.state === 'unlocked');
  const chosen = useSettings((s) => s.settings.theme);
  const loaded = useSettings((s) => s.loaded);
  const theme = unlocked && loaded ? chosen : remembered();

  useEffect(() => {
    if (unlocked && loaded) localStorage.setItem(STORAGE_KEY, chosen);
  }, [unlocked, loaded, chosen]);

  useEffect(() => {
    const root = document.documentElement;
    if (theme !== 'system') {
      root.dataset.theme = theme;
      return;
    }
    const media = window.matchMedia(darkQuery);
    const follow = () => (root.dataset.theme = media.matches ? 'dark' : 'light');
    follow();
    media.addEventListener('change', follow);
    return () => media.removeEventListener('change', follow);
  }, [theme]);
}
