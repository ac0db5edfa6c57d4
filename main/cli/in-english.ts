import { phraseText } from '../../i18n/phrase-text.ts';
import { isPhrase } from '../../i18n/phrase.ts';

/**
 * A contract value for `--json`, with each phrase (i18n/phrase.ts) as its English text: the
 * JSON a script reads keeps the sentences it always had, whatever the window does with them.
 */
export function inEnglish(value: unknown): unknown {
  const json = JSON.stringify(value, (_key, item: unknown) => (isPhrase(item) ? phraseText(item) : item));
  return json === undefined ? undefined : JSON.parse(json);
}
