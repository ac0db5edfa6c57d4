import { defineMessages } from '@formatjs/intl';
import { getProvider, providerCatalog, providerDisplayName } from '../../contract/providers.ts';
import { phrase } from '../../i18n/phrase.ts';
import { phraseError } from '../../i18n/phrase-text.ts';
import { isAllowedExternalUrl, parseUrl } from '../security.ts';

const errors = defineMessages({
  noConsole: {
    id: 'rotation.error.noConsole',
    defaultMessage: 'Keyward knows no console page for {provider}; open it yourself.',
  },
  consoleNotAllowed: { id: 'rotation.error.consoleNotAllowed', defaultMessage: 'That console link is not one Keyward may open.' },
});

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
    throw phraseError('NotFound', phrase(errors.noConsole, { provider: providerDisplayName(provider) }));
  }
  if (!isAllowedExternalUrl(url, CONSOLE_HOSTS)) throw phraseError('Forbidden', phrase(errors.consoleNotAllowed));
  return url;
}
