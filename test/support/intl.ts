import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import { globSync, readFileSync } from 'node:fs';
import { intlOptions, type Messages } from '../../i18n/intl.ts';
import type { Locale } from '../../i18n/language.ts';

/**
 * The window's intl for tests of what main composes and the window says (phrases): every area's
 * Korean but main's own, as renderer/src/i18n/catalog.ts loads it. A message that fails to
 * format (a missing translation, a bad argument) fails the test instead of falling back.
 */
export function windowIntl(locale: Locale): IntlShape<string> {
  const messages: Messages =
    locale === 'en'
      ? {}
      : Object.assign(
          {},
          ...globSync('i18n/ko/*.json')
            .filter((file) => !file.endsWith('/main.json'))
            .map((file) => JSON.parse(readFileSync(file, 'utf8')) as Messages),
        );
  return createIntl<string>(
    intlOptions<string>(locale, messages, (error) => {
      throw error;
    }),
    createIntlCache(),
  );
}
