import { defineMessages } from 'react-intl';
import type { SuggestionKey, WarningKey } from './strength.ts';

/*
 * zxcvbn's feedback in Keyward's catalog: zxcvbn-ts has no Korean, so it answers with its keys
 * (strength.ts) and these are what the window says. The English is zxcvbn-ts's own wording.
 * Typed by zxcvbn's keys, so a key added by an upgrade fails the typecheck until it is written here.
 */
export const warningMessages = defineMessages({
  straightRow: {
    id: 'vault.strength.warning.straightRow',
    defaultMessage: 'Straight rows of keys on your keyboard are easy to guess.',
  },
  keyPattern: { id: 'vault.strength.warning.keyPattern', defaultMessage: 'Short keyboard patterns are easy to guess.' },
  simpleRepeat: {
    id: 'vault.strength.warning.simpleRepeat',
    defaultMessage: 'Repeated characters like "aaa" are easy to guess.',
  },
  extendedRepeat: {
    id: 'vault.strength.warning.extendedRepeat',
    defaultMessage: 'Repeated character patterns like "abcabcabc" are easy to guess.',
  },
  sequences: {
    id: 'vault.strength.warning.sequences',
    defaultMessage: 'Common character sequences like "abc" are easy to guess.',
  },
  recentYears: { id: 'vault.strength.warning.recentYears', defaultMessage: 'Recent years are easy to guess.' },
  dates: { id: 'vault.strength.warning.dates', defaultMessage: 'Dates are easy to guess.' },
  topTen: { id: 'vault.strength.warning.topTen', defaultMessage: 'This is a heavily used password.' },
  topHundred: { id: 'vault.strength.warning.topHundred', defaultMessage: 'This is a frequently used password.' },
  common: { id: 'vault.strength.warning.common', defaultMessage: 'This is a commonly used password.' },
  similarToCommon: {
    id: 'vault.strength.warning.similarToCommon',
    defaultMessage: 'This is similar to a commonly used password.',
  },
  wordByItself: { id: 'vault.strength.warning.wordByItself', defaultMessage: 'Single words are easy to guess.' },
  namesByThemselves: {
    id: 'vault.strength.warning.namesByThemselves',
    defaultMessage: 'Single names or surnames are easy to guess.',
  },
  commonNames: { id: 'vault.strength.warning.commonNames', defaultMessage: 'Common names and surnames are easy to guess.' },
  userInputs: {
    id: 'vault.strength.warning.userInputs',
    defaultMessage: 'There should not be any personal or page related data.',
  },
  pwned: { id: 'vault.strength.warning.pwned', defaultMessage: 'Your password was exposed by a data breach on the Internet.' },
} satisfies Record<WarningKey, unknown>);

export const suggestionMessages = defineMessages({
  l33t: { id: 'vault.strength.suggestion.l33t', defaultMessage: "Avoid predictable letter substitutions like '@' for 'a'." },
  reverseWords: { id: 'vault.strength.suggestion.reverseWords', defaultMessage: 'Avoid reversed spellings of common words.' },
  allUppercase: { id: 'vault.strength.suggestion.allUppercase', defaultMessage: 'Capitalize some, but not all letters.' },
  capitalization: { id: 'vault.strength.suggestion.capitalization', defaultMessage: 'Capitalize more than the first letter.' },
  dates: { id: 'vault.strength.suggestion.dates', defaultMessage: 'Avoid dates and years that are associated with you.' },
  recentYears: { id: 'vault.strength.suggestion.recentYears', defaultMessage: 'Avoid recent years.' },
  associatedYears: {
    id: 'vault.strength.suggestion.associatedYears',
    defaultMessage: 'Avoid years that are associated with you.',
  },
  sequences: { id: 'vault.strength.suggestion.sequences', defaultMessage: 'Avoid common character sequences.' },
  repeated: { id: 'vault.strength.suggestion.repeated', defaultMessage: 'Avoid repeated words and characters.' },
  longerKeyboardPattern: {
    id: 'vault.strength.suggestion.longerKeyboardPattern',
    defaultMessage: 'Use longer keyboard patterns and change typing direction multiple times.',
  },
  anotherWord: { id: 'vault.strength.suggestion.anotherWord', defaultMessage: 'Add more words that are less common.' },
  useWords: { id: 'vault.strength.suggestion.useWords', defaultMessage: 'Use multiple words, but avoid common phrases.' },
  noNeed: {
    id: 'vault.strength.suggestion.noNeed',
    defaultMessage: 'You can create strong passwords without using symbols, numbers, or uppercase letters.',
  },
  pwned: { id: 'vault.strength.suggestion.pwned', defaultMessage: 'If you use this password elsewhere, you should change it.' },
} satisfies Record<SuggestionKey, unknown>);
