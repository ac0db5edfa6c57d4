import type { z } from 'zod';
import { defineMessages, phrase, type Phrase } from '../i18n/phrase.ts';

/**
 * What the contract's schemas say about a value they refuse ("Give the key a label."), defined
 * as messages so the window can say them in the reader's language. Zod keeps the English (main
 * and the CLI answer with it: `schemaText.labelGiven`); the window finds the message again by
 * that English (`schemaPhrase`), for its own form checks (lib/field-error.ts) and for an Invalid
 * error's field issues from main (lib/error-text.ts). Korean: i18n/ko/common.json.
 *
 * Problems zod words itself by their code (too short, too long, too many) have generic words
 * (`genericWords`); `issuePhrase` gives either for one issue, in the window's form checks and in
 * main's Invalid errors (main/router.ts), so both say a field's problem the same way. `defineMessages` is i18n/phrase.ts's, which keeps FormatJS out of the
 * contract that every CLI start loads.
 */

export const schemaWords = defineMessages({
  keyId: { id: 'common.schema.keyId', defaultMessage: 'Not a key id.' },
  scanId: { id: 'common.schema.scanId', defaultMessage: 'Not a scan id.' },
  backupName: { id: 'common.schema.backupName', defaultMessage: 'Not a backup name; see the backup list.' },
  wholeNumber: { id: 'common.schema.wholeNumber', defaultMessage: 'Use a whole number.' },
  wholeDays: { id: 'common.schema.wholeDays', defaultMessage: 'Use a whole number of days.' },
  wholeDaysShort: { id: 'common.schema.wholeDaysShort', defaultMessage: 'Use whole days.' },
  atLeastNoDays: { id: 'common.schema.atLeastNoDays', defaultMessage: 'At least 0 days.' },
  atLeastOneDay: { id: 'common.schema.atLeastOneDay', defaultMessage: 'At least 1 day.' },
  atMost365Days: { id: 'common.schema.atMost365Days', defaultMessage: 'At most 365 days.' },
  atMostTenYears: { id: 'common.schema.atMostTenYears', defaultMessage: 'At most 10 years.' },
  day: { id: 'common.schema.day', defaultMessage: 'Use a date written YYYY-MM-DD.' },
  month: { id: 'common.schema.month', defaultMessage: 'Use a month written YYYY-MM.' },
  trueOrFalse: { id: 'common.schema.trueOrFalse', defaultMessage: 'Use true or false.' },
  unknownField: { id: 'common.schema.unknownField', defaultMessage: 'Unknown field.' },

  providerChoice: {
    id: 'common.schema.providerChoice',
    defaultMessage: 'Choose a provider from the catalog, or write custom:Name for your own.',
  },
  labelGiven: { id: 'common.schema.labelGiven', defaultMessage: 'Give the key a label.' },
  nameGiven: { id: 'common.schema.nameGiven', defaultMessage: 'Empty names are not allowed.' },
  secretGiven: { id: 'common.schema.secretGiven', defaultMessage: 'Paste the key.' },
  newSecretGiven: { id: 'common.schema.newSecretGiven', defaultMessage: 'Paste the new key.' },
  secretTooLong: { id: 'common.schema.secretTooLong', defaultMessage: 'Keys longer than 16 KiB are not supported.' },
  secretNotText: {
    id: 'common.schema.secretNotText',
    defaultMessage:
      'The key holds characters that are not valid text (a broken surrogate pair); it would be stored changed. Copy it again from the provider.',
  },
  customProviderGiven: { id: 'common.schema.customProviderGiven', defaultMessage: 'Name your custom provider.' },
  passwordGiven: { id: 'common.schema.passwordGiven', defaultMessage: 'Enter the master password.' },
  envFileTooLarge: { id: 'common.schema.envFileTooLarge', defaultMessage: 'The file is over 1 MB: not a .env file.' },

  keysGiven: { id: 'common.schema.keysGiven', defaultMessage: 'Name at least one key.' },
  trashKeysGiven: {
    id: 'common.schema.trashKeysGiven',
    defaultMessage: 'Name at least one key, or leave ids out to empty the trash.',
  },
  tooManyKeys: { id: 'common.schema.tooManyKeys', defaultMessage: 'At most 10,000 keys at once.' },
  backupsGiven: { id: 'common.schema.backupsGiven', defaultMessage: 'Name at least one backup.' },
  snoozeDays: { id: 'common.schema.snoozeDays', defaultMessage: 'Snooze for 1 or 7 days.' },
  tooManyLeadTimes: { id: 'common.schema.tooManyLeadTimes', defaultMessage: 'At most 8 lead times.' },

  clipboardChoice: {
    id: 'common.schema.clipboardChoice',
    defaultMessage: 'Choose 10, 20, 30, 60, 120 or 300 seconds, or never (null).',
  },
  autoLockChoice: {
    id: 'common.schema.autoLockChoice',
    defaultMessage: 'Choose 1, 5, 15, 30, 60 or 240 minutes, or never (null).',
  },
  themeChoice: { id: 'common.schema.themeChoice', defaultMessage: 'Choose system, light or dark.' },
  languageChoice: { id: 'common.schema.languageChoice', defaultMessage: 'Choose system, en or ko.' },
  keyViewChoice: { id: 'common.schema.keyViewChoice', defaultMessage: 'Choose cards or list.' },

  dateColumnGiven: { id: 'common.schema.dateColumnGiven', defaultMessage: 'Name the date column.' },
  modelColumnGiven: { id: 'common.schema.modelColumnGiven', defaultMessage: 'Name the model column.' },
  wholeTokens: { id: 'common.schema.wholeTokens', defaultMessage: 'Use a whole number of tokens.' },
  negativeTokens: { id: 'common.schema.negativeTokens', defaultMessage: 'Token counts cannot be negative.' },
  tooManyTokens: { id: 'common.schema.tooManyTokens', defaultMessage: 'That is more tokens than Keyward accepts in one record.' },
  cachedTokens: {
    id: 'common.schema.cachedTokens',
    defaultMessage: 'Cached and cache-write tokens are part of the input tokens: together they cannot exceed them.',
  },
  modelGiven: { id: 'common.schema.modelGiven', defaultMessage: 'Name the model.' },
  presetGiven: { id: 'common.schema.presetGiven', defaultMessage: 'Name the preset.' },
  dollars: { id: 'common.schema.dollars', defaultMessage: 'Write an amount in dollars, like 12.34.' },
  negativeDollars: { id: 'common.schema.negativeDollars', defaultMessage: 'An amount cannot be negative.' },
  budgetAboveZero: { id: 'common.schema.budgetAboveZero', defaultMessage: 'A budget must be above $0.' },
  providerGiven: { id: 'common.schema.providerGiven', defaultMessage: 'Name the provider.' },
  keyGiven: { id: 'common.schema.keyGiven', defaultMessage: 'Name the key.' },
  syncProviderChoice: { id: 'common.schema.syncProviderChoice', defaultMessage: 'Choose openai, anthropic or openrouter.' },
  providerKeyIdGiven: { id: 'common.schema.providerKeyIdGiven', defaultMessage: 'Name the provider’s key id.' },

  tooManyPaths: { id: 'common.schema.tooManyPaths', defaultMessage: 'At most 100 paths.' },
  sizeAboveZero: { id: 'common.schema.sizeAboveZero', defaultMessage: 'Use a size above 0.' },
  sizeAtMost: { id: 'common.schema.sizeAtMost', defaultMessage: 'At most 4096 MB.' },
  scanTargetGiven: {
    id: 'common.schema.scanTargetGiven',
    defaultMessage: 'Choose something to scan: a folder, shell histories or coding agents.',
  },
});

export type SchemaWord = keyof typeof schemaWords;

/** Each message's English, as the schemas pass it to zod. */
export const schemaText = Object.fromEntries(
  Object.entries(schemaWords).map(([name, message]) => [name, message.defaultMessage]),
) as Record<SchemaWord, string>;

const byEnglish = new Map(Object.values(schemaWords).map((message) => [message.defaultMessage, message]));

/** The message a schema refused a value with, found again by its English; undefined for any other text. */
export function schemaPhrase(english: string): Phrase | undefined {
  const message = byEnglish.get(english);
  return message && phrase(message);
}

/** Generic words for the problems zod names by their code, whatever message the schema gave. */
const genericWords = defineMessages({
  required: { id: 'common.field.required', defaultMessage: 'Fill in this field.' },
  minLength: {
    id: 'common.field.minLength',
    defaultMessage: '{minimum, plural, one {Use at least # character.} other {Use at least # characters.}}',
  },
  maxLength: {
    id: 'common.field.maxLength',
    defaultMessage: '{maximum, plural, one {Use at most # character.} other {Use at most # characters.}}',
  },
  minNumber: { id: 'common.field.minNumber', defaultMessage: 'Use a number of at least {minimum, number}.' },
  maxNumber: { id: 'common.field.maxNumber', defaultMessage: 'Use a number of at most {maximum, number}.' },
  maxItems: {
    id: 'common.field.maxItems',
    defaultMessage: '{maximum, plural, one {Give at most # entry.} other {Give at most # entries.}}',
  },
});

/**
 * One issue's problem as a phrase: the schema's own message where the contract has it (more
 * specific: "Give the key a label."), else the generic words for its code; undefined for anything
 * else (its English message stands).
 */
export function issuePhrase(issue: z.core.$ZodIssue): Phrase | undefined {
  const own = schemaPhrase(issue.message);
  if (own) return own;
  if (issue.code === 'too_small' && issue.origin === 'string') {
    const minimum = Number(issue.minimum);
    return minimum <= 1 ? phrase(genericWords.required) : phrase(genericWords.minLength, { minimum });
  }
  if (issue.code === 'too_big' && issue.origin === 'string')
    return phrase(genericWords.maxLength, { maximum: Number(issue.maximum) });
  if (issue.code === 'too_small' && issue.origin === 'number')
    return phrase(genericWords.minNumber, { minimum: Number(issue.minimum) });
  if (issue.code === 'too_big' && issue.origin === 'number')
    return phrase(genericWords.maxNumber, { maximum: Number(issue.maximum) });
  if (issue.code === 'too_big' && issue.origin === 'array')
    return phrase(genericWords.maxItems, { maximum: Number(issue.maximum) });
  return undefined;
}
