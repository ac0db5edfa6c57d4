import { useId, useState, type KeyboardEvent, type Ref } from 'react';
import { useIntl } from 'react-intl';
import { Icon } from '../../components/Icon.tsx';

interface PasswordFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  autoComplete: 'current-password' | 'new-password';
  autoFocus?: boolean;
  disabled?: boolean;
  invalid?: boolean;
  /** Ids of the texts that describe the field (strength, errors), besides its own Caps Lock warning. */
  describedBy?: string;
  inputRef?: Ref<HTMLInputElement>;
  /** The user left the field (forms check a field from then on). */
  onBlur?: () => void;
}

/**
 * A master password field: a show/hide toggle (the value stays in this field either way; it is
 * never copied anywhere) and a Caps Lock warning while the field has focus, as password managers
 * do. The warning comes from the key events' own modifier state, so it is right from the first
 * key pressed in the field.
 */
export function PasswordField({
  label,
  value,
  onChange,
  autoComplete,
  autoFocus,
  disabled,
  invalid,
  describedBy,
  inputRef,
  onBlur,
}: PasswordFieldProps) {
  const intl = useIntl();
  const id = useId();
  const capsId = useId();
  const [shown, setShown] = useState(false);
  const [capsLock, setCapsLock] = useState(false);
  const watchCapsLock = (event: KeyboardEvent<HTMLInputElement>) => setCapsLock(event.getModifierState('CapsLock'));

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="password-input">
        <input
          id={id}
          ref={inputRef}
          type={shown ? 'text' : 'password'}
          autoFocus={autoFocus}
          autoComplete={autoComplete}
          spellCheck={false}
          autoCapitalize="off"
          disabled={disabled}
          aria-invalid={invalid || undefined}
          aria-describedby={[capsId, describedBy].filter(Boolean).join(' ')}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={watchCapsLock}
          onKeyUp={watchCapsLock}
          onBlur={() => {
            setCapsLock(false);
            onBlur?.();
          }}
        />
        <button
          type="button"
          className="icon-button"
          // Not named after the field: "Master password" must find the input alone.
          aria-label={
            shown
              ? intl.formatMessage({ id: 'vault.password.hide', defaultMessage: 'Hide password' })
              : intl.formatMessage({ id: 'vault.password.show', defaultMessage: 'Show password' })
          }
          aria-controls={id}
          aria-pressed={shown}
          title={
            shown
              ? intl.formatMessage({ id: 'vault.password.hideShort', defaultMessage: 'Hide' })
              : intl.formatMessage({ id: 'vault.password.showShort', defaultMessage: 'Show' })
          }
          disabled={disabled}
          onClick={() => setShown((s) => !s)}
        >
          <Icon name="eye" />
        </button>
      </div>
      <p id={capsId} className={capsLock ? 'caps-lock' : 'sr-only'} aria-live="polite">
        {capsLock ? intl.formatMessage({ id: 'vault.password.capsLock', defaultMessage: 'Caps Lock is on.' }) : ''}
      </p>
    </div>
  );
}
