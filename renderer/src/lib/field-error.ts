// @formatjs/intl, not react-intl: this module is also read by node-side unit tests, where React's
// types would change what a DOM element is.
import { defineMessages, type IntlShape, type NoMessageValues } from '@formatjs/intl';
import type { z } from 'zod';
import { schemaPhrase } from '../../../contract/schema-words.ts';
import { phraseText } from '../../../i18n/phrase-text.ts';

/*
 * The contract's schemas carry English messages (the CLI and main answer with them). In another
 * language a message of the contract's own (contract/schema-words.ts: "Give the key a label.") is
 * said in that language, and the generic problems zod words itself by their issue code (too
 * short, too long).
 */
const messages = defineMessages<{
  required: NoMessageValues;
  minLength: { minimum: number };
  maxLength: { maximum: number };
  minNumber: { minimum: string };
  maxNumber: { maximum: string };
  maxItems: { maximum: number };
}>({
  required: { id: 'common.field.required', defaultMessage: 'Fill in this field.' },
  minLength: {
    id: 'common.field.minLength',
    defaultMessage: '{minimum, plural, one {Use at least # character.} other {Use at least # characters.}}',
  },
  maxLength: {
    id: 'common.field.maxLength',
    defaultMessage: '{maximum, plural, one {Use at most # character.} other {Use at most # characters.}}',
  },
  minNumber: { id: 'common.field.minNumber', defaultMessage: 'Use a number of at least {minimum}.' },
  maxNumber: { id: 'common.field.maxNumber', defaultMessage: 'Use a number of at most {maximum}.' },
  maxItems: {
    id: 'common.field.maxItems',
    defaultMessage: '{maximum, plural, one {Give at most # entry.} other {Give at most # entries.}}',
  },
});

type Issue = z.core.$ZodIssue;

function translated(issue: Issue, intl: Pick<IntlShape, 'formatMessage' | 'formatNumber'>): string | undefined {
  if (issue.code === 'too_small' && issue.origin === 'string') {
    const minimum = Number(issue.minimum);
    return minimum <= 1 ? intl.formatMessage(messages.required) : intl.formatMessage(messages.minLength, { minimum });
  }
  if (issue.code === 'too_big' && issue.origin === 'string') {
    return intl.formatMessage(messages.maxLength, { maximum: Number(issue.maximum) });
  }
  if (issue.code === 'too_small' && issue.origin === 'number') {
    return intl.formatMessage(messages.minNumber, { minimum: intl.formatNumber(Number(issue.minimum)) });
  }
  if (issue.code === 'too_big' && issue.origin === 'number') {
    return intl.formatMessage(messages.maxNumber, { maximum: intl.formatNumber(Number(issue.maximum)) });
  }
  if (issue.code === 'too_big' && issue.origin === 'array') {
    return intl.formatMessage(messages.maxItems, { maximum: Number(issue.maximum) });
  }
  return undefined;
}

/**
 * The first message the schema has for this value, or undefined when it passes: one field's error.
 * In English, or without `intl`, it is the schema's own message; in another language its
 * translation, or a generic one by its code (see above). Components pass `useIntl()`.
 */
export function fieldError(
  schema: z.ZodType,
  value: unknown,
  intl?: Pick<IntlShape, 'locale' | 'formatMessage' | 'formatNumber'>,
): string | undefined {
  const result = schema.safeParse(value);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  if (!issue) return undefined;
  // intl.locale is a formatting tag (en-US, en-GB): its language is what decides.
  if (!intl || new Intl.Locale(intl.locale).language === 'en') return issue.message;
  const own = schemaPhrase(issue.message);
  return own ? phraseText(own, intl) : (translated(issue, intl) ?? issue.message);
}
