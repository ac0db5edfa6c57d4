import { defineMessages, type IntlShape } from 'react-intl';
import { isKeywardError, type ErrorCode, type FieldIssue } from '../../../contract/errors.ts';
import { phraseText } from '../../../i18n/phrase-text.ts';
import { getIntl } from '../i18n/current.ts';
import { duration } from './time.ts';
import { speaksEnglish } from '../../../i18n/language.ts';

/*
 * What the window says about an error from main. Main writes its messages in English (the CLI
 * shows the same ones). In English the window shows main's message as it is. In another
 * language, the codes whose message is generic (wrong password, throttled, locked, busy…) are
 * said in that language; for the codes whose message names a specific thing (which field, file,
 * key, link: Invalid, NotFound, AlreadyExists, Forbidden, Internal, VaultDamaged), main sends its
 * message as a phrase (i18n/phrase.ts) where it wrote one, and the window says it whole in that
 * language; where it did not, a translated summary comes first and main's English detail follows.
 */
const messages = defineMessages<Record<Exclude<ErrorCode, 'Throttled'>, { detail: string }> & { Throttled: { wait: string } }>({
  WrongPassword: { id: 'common.error.wrongPassword', defaultMessage: 'Wrong master password.' },
  Throttled: {
    id: 'common.error.throttled',
    defaultMessage: 'Too many wrong passwords. Try again in {wait}.',
  },
  Locked: {
    id: 'common.error.locked',
    defaultMessage: 'The vault is locked, so this could not be done. Unlock it with the master password.',
  },
  Busy: {
    id: 'common.error.busy',
    defaultMessage:
      'The vault is busy: another Keyward (the app or the CLI) is writing to it. Nothing was saved; try again when it is done.',
  },
  VaultTooNew: {
    id: 'common.error.vaultTooNew',
    defaultMessage: 'This vault was written by a newer version of Keyward; update Keyward to open it.',
  },
  NotInitialized: { id: 'common.error.notInitialized', defaultMessage: 'There is no vault yet; create one first.' },
  VaultDamaged: { id: 'common.error.vaultDamaged', defaultMessage: 'The vault is damaged; recover it from a backup. ({detail})' },
  Invalid: { id: 'common.error.invalid', defaultMessage: 'This was not accepted: {detail}' },
  NotFound: { id: 'common.error.notFound', defaultMessage: 'Not found: {detail}' },
  AlreadyExists: { id: 'common.error.alreadyExists', defaultMessage: 'It already exists: {detail}' },
  Forbidden: { id: 'common.error.forbidden', defaultMessage: 'Not allowed: {detail}' },
  Internal: { id: 'common.error.internal', defaultMessage: 'Something went wrong inside Keyward: {detail}' },
});

/**
 * The text for an error caught from a contract call: main's (in the language in force, as above)
 * when it is a Keyward error, else `fallback` (already in the language in force).
 */
export function errorText(error: unknown, fallback: string, intl: IntlShape = getIntl()): string {
  if (!isKeywardError(error)) return fallback;
  if (speaksEnglish(intl)) return error.message;
  if (error.code === 'Throttled')
    return intl.formatMessage(messages.Throttled, { wait: duration(error.retryAfterMs ?? 0, intl) });
  if (error.phrase) return phraseText(error.phrase, intl);
  if (error.code === 'Invalid' && error.issues?.length) {
    // A schema's refusal from main: each field's problem in this language where the contract has it.
    const detail = error.issues.map((issue) => `${issue.path}: ${issueText(issue, intl)}`);
    return intl.formatMessage(messages.Invalid, { detail: detail.join('; ') });
  }
  return intl.formatMessage(messages[error.code], { detail: error.message });
}

/**
 * What a form shows beside a field main refused: main's English in English; in another language
 * the issue's phrase (main gives one for its own refusals and for every schema problem the
 * contract has words for: contract/schema-words.ts `issuePhrase`), else main's English.
 */
export function issueText(issue: FieldIssue, intl: IntlShape = getIntl()): string {
  if (speaksEnglish(intl) || !issue.phrase) return issue.message;
  return phraseText(issue.phrase, intl);
}
