import { defineMessages, FormattedMessage, useIntl } from 'react-intl';
import { suggestionMessages, warningMessages } from './strength-messages.ts';
import { useStrength } from './use-strength.ts';

const words = defineMessages({
  0: { id: 'vault.strength.veryWeak', defaultMessage: 'Very weak' },
  1: { id: 'vault.strength.weak', defaultMessage: 'Weak' },
  2: { id: 'vault.strength.fair', defaultMessage: 'Fair' },
  3: { id: 'vault.strength.strong', defaultMessage: 'Strong' },
  4: { id: 'vault.strength.veryStrong', defaultMessage: 'Very strong' },
});

/** The strength meter: a bar, a word, and zxcvbn's advice (in Keyward's words) when the password is weak. */
export function PasswordStrength({ password, id }: { password: string; id: string }) {
  const intl = useIntl();
  const strength = useStrength(password);
  const score = strength?.score ?? 0;
  const word = intl.formatMessage(words[score]);
  const warning = strength?.warning ? intl.formatMessage(warningMessages[strength.warning]) : '';
  const suggestions =
    strength && score < 3 ? strength.suggestions.map((key) => intl.formatMessage(suggestionMessages[key])).join(' ') : '';
  return (
    <div className="strength" id={id} aria-live="polite">
      <div
        className={`strength-bar strength-${password ? score : 'empty'}`}
        role="meter"
        aria-label={intl.formatMessage({ id: 'vault.strength.label', defaultMessage: 'Password strength' })}
        aria-valuemin={0}
        aria-valuemax={4}
        aria-valuenow={score}
        aria-valuetext={password ? word : intl.formatMessage({ id: 'vault.strength.empty', defaultMessage: 'No password yet' })}
      >
        {[0, 1, 2, 3].map((step) => (
          <span key={step} className={password && score > step ? 'filled' : ''} />
        ))}
      </div>
      <p className="strength-words">
        {!password ? (
          <FormattedMessage id="vault.strength.advice" defaultMessage="Use four or more random words, or a long passphrase." />
        ) : !strength ? (
          <FormattedMessage id="vault.strength.checking" defaultMessage="Checking…" />
        ) : (
          <>
            <strong>
              <FormattedMessage id="vault.strength.word" defaultMessage="{word}." values={{ word }} />
            </strong>{' '}
            {warning} {suggestions}
          </>
        )}
      </p>
    </div>
  );
}
