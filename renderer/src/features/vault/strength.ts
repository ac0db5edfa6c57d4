import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';

/**
 * Password strength with zxcvbn-ts (dictionaries, keyboard patterns, l33t): a length rule alone
 * would call "Password1!" strong. Loaded on demand, since the dictionaries are large and only
 * the create-vault screen needs them.
 */
/** zxcvbn's advice as its keys ("straightRow"), not English text: the window says them in its own words (strength-messages.ts). */
const asKeys = <T extends Record<string, unknown>>(group: T) =>
  Object.fromEntries(Object.keys(group).map((key) => [key, key])) as { [K in keyof T]: string };
const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...english.dictionary },
  graphs: common.adjacencyGraphs,
  translations: {
    warnings: asKeys(english.translations.warnings),
    suggestions: asKeys(english.translations.suggestions),
    timeEstimation: english.translations.timeEstimation,
  },
});

export type WarningKey = keyof typeof english.translations.warnings;
export type SuggestionKey = keyof typeof english.translations.suggestions;

export interface Strength {
  /** 0 (guessed at once) to 4 (very hard to guess). */
  score: 0 | 1 | 2 | 3 | 4;
  warning: WarningKey | null;
  suggestions: SuggestionKey[];
}

export function measure(password: string): Strength {
  // Long inputs make matching slow and add nothing: zxcvbn's own advice is to cut them.
  const result = zxcvbn.check(password.slice(0, 100), ['keyward', 'vault', 'master', 'password']);
  return {
    score: result.score,
    warning: (result.feedback.warning as WarningKey | null) || null,
    suggestions: result.feedback.suggestions as SuggestionKey[],
  };
}
