import { useState } from 'react';
import type { IntlShape } from 'react-intl';
import { isWeak, loadMeasure } from './use-strength.ts';

/**
 * "Ask once before accepting a password rated weak": the first submit of a weak password shows
 * the warning and goes no further; a second submit of the same password goes ahead. Typing in the
 * field (call `reset`) asks again. Only a flag is kept, never a copy of the password.
 */
export function useWeakPasswordGate() {
  const [warned, setWarned] = useState(false);
  return {
    warned,
    reset: () => setWarned(false),
    /** True when the password may be used now. */
    async mayUse(password: string): Promise<boolean> {
      if (warned) return true;
      const measure = await loadMeasure();
      if (!isWeak(measure(password))) return true;
      setWarned(true);
      return false;
    },
  };
}

/** The warning shown after the first submit of a weak password. */
export const weakWarning = (intl: IntlShape) =>
  intl.formatMessage({
    id: 'vault.weakWarning',
    defaultMessage:
      'This password is rated weak: it could be guessed in hours. Choose a longer one, or submit again to use it anyway.',
  });
