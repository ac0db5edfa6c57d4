import { useStrength } from './use-strength.ts';

const words = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'] as const;

/** The strength meter: a bar, a word, and zxcvbn's own advice when the password is weak. */
export function PasswordStrength({ password, id }: { password: string; id: string }) {
  const strength = useStrength(password);
  const score = strength?.score ?? 0;
  return (
    <div className="strength" id={id} aria-live="polite">
      <div
        className={`strength-bar strength-${password ? score : 'empty'}`}
        role="meter"
        aria-label="Password strength"
        aria-valuemin={0}
        aria-valuemax={4}
        aria-valuenow={score}
        aria-valuetext={password ? words[score] : 'No password yet'}
      >
        {[0, 1, 2, 3].map((step) => (
          <span key={step} className={password && score > step ? 'filled' : ''} />
        ))}
      </div>
      <p className="strength-words">
        {!password ? (
          'Use four or more random words, or a long passphrase.'
        ) : !strength ? (
          'Checking…'
        ) : (
          <>
            <strong>{words[score]}.</strong> {strength.warning ?? ''} {score < 3 ? strength.suggestions.join(' ') : ''}
          </>
        )}
      </p>
    </div>
  );
}
