import { phraseText } from '../../i18n/phrase-text.ts';
import { isPhrase } from '../../i18n/phrase.ts';

/**
 * A contract value as `--json` text, with each phrase (i18n/phrase.ts) as its English: the JSON
 * a script reads keeps the sentences it always had, whatever the window does with them.
 */
export function englishJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (isPhrase(item) ? phraseText(item) : item), 2);
}
