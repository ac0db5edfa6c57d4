import type { Shell } from 'electron';
import type { OpenExternal } from '../rotation/console.ts';
import { CONSOLE_HOSTS } from '../rotation/console.ts';
import { isAllowedExternalUrl } from '../security.ts';

/**
 * shell.openExternal, for the catalog's console pages only. The rotation service already takes
 * the URL from the catalog; the check is repeated here, at the one place a URL leaves Keyward,
 * so no future caller can hand the browser anything else.
 */
export function consoleOpener(shell: Pick<Shell, 'openExternal'>): OpenExternal {
  return async (url) => {
    if (!isAllowedExternalUrl(url, CONSOLE_HOSTS)) throw new Error('refused: not a catalog console URL');
    await shell.openExternal(url, { activate: true });
  };
}
