import type { IntlConfig } from '@formatjs/intl';
import { josaElements } from './josa.ts';
import type { Locale } from './language.ts';

/**
 * One message catalog for every window, tray menu, notification and dialog (the CLI stays
 * English). Messages are ICU MessageFormat through FormatJS: react-intl in the renderer,
 * @formatjs/intl's createIntl in main, with the same options from here.
 *
 * English lives in the code, as each message's `defaultMessage` beside the element that shows it;
 * the Korean catalog is i18n/ko/<area>.json, one file per area of the app (the id's first
 * segment). `npm run i18n:check` holds the two in step.
 */
export type Messages = Record<string, string>;

/**
 * `Chunk` is what a message's parts are: strings in main, React nodes in the renderer. `tag` is
 * the locale dates and numbers follow (formattingTag in language.ts: en-GB, ko-KR…).
 */
export function intlOptions<Chunk = string>(
  locale: Locale,
  messages: Messages,
  report: (error: Error) => void,
  tag: string = locale,
) {
  return {
    locale: tag,
    defaultLocale: 'en',
    messages,
    // Korean messages mark inserted words for their particle: <obj>{label}</obj> (see josa.ts).
    defaultRichTextElements: josaElements<Chunk>(),
    onError(error: Error & { code?: string }) {
      // English is the defaultMessage itself, so "missing" English is the normal case.
      if (error.code === 'MISSING_TRANSLATION' && locale === 'en') return;
      report(error);
    },
    // FormatJS suggests precompiling messages for speed; the catalog is parsed once and cached.
    onWarn() {},
  } satisfies IntlConfig<Chunk>;
}
