import { KeywardError } from '../../contract/errors.ts';
import { getProvider, providerCatalog, providerDisplayName } from '../../contract/providers.ts';
import { isAllowedExternalUrl, parseUrl } from '../security.ts';

/** Opens a URL in the system browser: Electron's shell.openExternal in the app. */
export type OpenExternal = (url: string) => Promise<void>;

/** The only hosts Keyward ever hands to the browser: those of the catalog's console pages. */
export const CONSOLE_HOSTS: ReadonlySet<string> = new Set(
  providerCatalog.flatMap((provider) => {
    const url = parseUrl(provider.consoleUrl);
    return url ? [url.hostname.toLowerCase()] : [];
  }),
);

/**
 * The console URL for a provider, from the catalog only; the caller names a provider, never a
 * URL. Refused for custom providers (no known page) and for anything the allowlist rejects.
 */
export function consoleUrlFor(provider: string): string {
  const url = getProvider(provider)?.consoleUrl;
  if (!url) {
    throw new KeywardError('NotFound', `Keyward knows no console page for ${providerDisplayName(provider)}; open it yourself.`);
  }
  if (!isAllowedExternalUrl(url, CONSOLE_HOSTS))
    throw new KeywardError('Forbidden', 'That console link is not one Keyward may open.');
  return url;
}
