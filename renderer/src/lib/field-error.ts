// @formatjs/intl, not react-intl: this module is also read by node-side unit tests, where React's
// types would change what a DOM element is.
import type { IntlShape } from '@formatjs/intl';
import type { z } from 'zod';
import { issuePhrase } from '../../../contract/schema-words.ts';
import { phraseText } from '../../../i18n/phrase-text.ts';
import { speaksEnglish } from '../../../i18n/language.ts';

/**
 * The first message the schema has for this value, or undefined when it passes: one field's error.
 * In English, or without `intl`, it is the schema's own message (what main and the CLI say); in
 * another language the contract's words for it (contract/schema-words.ts `issuePhrase`: its own
 * message, else generic words by zod's code), else its English. Components pass `useIntl()`.
 */
export function fieldError(
  schema: z.ZodType,
  value: unknown,
  intl?: Pick<IntlShape, 'locale' | 'formatMessage'>,
): string | undefined {
  const result = schema.safeParse(value);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  if (!issue) return undefined;
  if (!intl || speaksEnglish(intl)) return issue.message;
  const said = issuePhrase(issue);
  return said ? phraseText(said, intl) : issue.message;
}
