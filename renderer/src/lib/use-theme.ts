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

/** Puts the chosen theme on <html data-theme>; "system" leaves it to prefers-color-scheme. */
export function useTheme(): void {
  const unlocked = useSession((s) => s.status?.state === 'unlocked');
  const chosen = useSettings((s) => s.settings.theme);
  const loaded = useSettings((s) => s.loaded);
  const theme = unlocked && loaded ? chosen : remembered();

  useEffect(() => {
    if (unlocked && loaded) localStorage.setItem(STORAGE_KEY, chosen);
  }, [unlocked, loaded, chosen]);

  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);
}
