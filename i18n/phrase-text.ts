import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import { KeywardError, type ErrorCode, type ErrorPayload } from '../contract/errors.ts';
import { intlOptions } from './intl.ts';
import type { Phrase } from './phrase.ts';

/** The English, with no catalog: what the CLI prints and what an error's message keeps. */
const english = createIntl<string>(
  intlOptions<string>('en', {}, (error) => console.error(`[keyward] i18n: ${error.message.split('\n')[0]}`)),
  createIntlCache(),
);

/** The phrase in the given intl's language (its own English where there is no translation); English without one. */
export function phraseText(said: Phrase, intl: Pick<IntlShape<unknown>, 'formatMessage'> = english): string {
  // The descriptor is data here: its English literal was checked (lint, i18n:check) where it was defined.
  const values =
    said.values &&
    Object.fromEntries(
      Object.entries(said.values).map(([name, value]) => [name, typeof value === 'object' ? phraseText(value, intl) : value]),
    );
  const text = intl.formatMessage({ id: said.id, defaultMessage: said.defaultMessage }, values);
  return Array.isArray(text) ? text.join('') : String(text);
}

/**
 * An error whose message is a phrase: the English is its message (the CLI, logs of codes), and the
 * phrase rides along in its payload so the window can say it in the reader's language.
 */
export function phraseError(
  code: ErrorCode,
  said: Phrase,
  extra: Omit<ErrorPayload, 'code' | 'message' | 'phrase'> = {},
): KeywardError {
  return new KeywardError(code, phraseText(said), { ...extra, phrase: said });
}

/**
 * An `Invalid` error about one field. Its message names the field for the CLI (`secret: …`, as a
 * zod issue reads); the issue carries the sentence a form shows beside the field (`issue`, where
 * the form words it differently); and the window says the sentence, without the field's name.
 */
export function fieldPhraseError(path: string, said: Phrase, issue: Phrase = said): KeywardError {
  return new KeywardError('Invalid', `${path}: ${phraseText(said)}`, {
    issues: [{ path, message: phraseText(issue), phrase: issue }],
    phrase: said,
  });
}
