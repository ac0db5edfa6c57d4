import { useId, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { newPassword } from '../../../../contract/vault.ts';
import { errorText } from '../../lib/error-text.ts';
import { fieldError } from '../../lib/field-error.ts';
import { api } from '../../api.ts';
import { Icon } from '../../components/Icon.tsx';
import { productName } from '../../lib/product.ts';
import { useSession } from '../../stores/session.ts';
import { PasswordField } from './PasswordField.tsx';
import { PasswordStrength } from './PasswordStrength.tsx';
import { useWeakPasswordGate, weakWarning } from './weak-password.ts';

export function CreateVault() {
  const intl = useIntl();
  const setStatus = useSession((s) => s.setStatus);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Each field's message follows its value once the user has left the field (or submitted).
  const [checked, setChecked] = useState({ password: false, repeat: false });
  const strengthId = useId();
  const passwordErrorId = useId();
  const repeatHintId = useId();
  const passwordError = checked.password ? fieldError(newPassword, password, intl) : undefined;
  // While the repeat can still become the password it is not wrong yet; once it cannot, or the field is left, it is.
  const mismatch = repeat.length > 0 && repeat !== password && (checked.repeat || !password.startsWith(repeat));
  const repeatError = mismatch
    ? intl.formatMessage({ id: 'vault.create.mismatch', defaultMessage: 'The two passwords differ.' })
    : checked.repeat && !repeat && password
      ? intl.formatMessage({ id: 'vault.create.repeatMissing', defaultMessage: 'Type the password again.' })
      : undefined;
  const weak = useWeakPasswordGate();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setChecked({ password: true, repeat: true });
    setError(null);
    if (fieldError(newPassword, password) || password !== repeat) return;
    setBusy(true);
    setError(null);
    try {
      if (!(await weak.mayUse(password))) return;
      setStatus(await api.vault.create({ password }));
    } catch (caught) {
      setError(
        errorText(caught, intl.formatMessage({ id: 'vault.create.failed', defaultMessage: 'Could not create the vault.' }), intl),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="gate">
      <form className="gate-card" onSubmit={(event) => void submit(event)} aria-labelledby="create-title" noValidate>
        <div className="brand" aria-hidden="true">
          <Icon name="key" />
          {productName}
        </div>
        <h1 id="create-title">
          <FormattedMessage id="vault.create.title" defaultMessage="Create your Keyward vault" />
        </h1>
        <p className="muted">
          <FormattedMessage
            id="vault.create.intro"
            defaultMessage="One master password encrypts every key on this computer. You will type it each time you unlock Keyward."
          />
        </p>
        <PasswordField
          label={intl.formatMessage({ id: 'vault.masterPassword', defaultMessage: 'Master password' })}
          autoFocus
          autoComplete="new-password"
          invalid={Boolean(passwordError)}
          describedBy={`${passwordErrorId} ${strengthId}`}
          value={password}
          onChange={(value) => {
            setPassword(value);
            weak.reset();
          }}
          onBlur={() => setChecked((now) => ({ ...now, password: true }))}
        />
        <p id={passwordErrorId} className={passwordError ? 'field-error' : 'sr-only'}>
          {passwordError ?? ''}
        </p>
        <PasswordStrength password={password} id={strengthId} />
        <PasswordField
          label={intl.formatMessage({ id: 'vault.create.repeat', defaultMessage: 'Repeat it' })}
          autoComplete="new-password"
          invalid={Boolean(repeatError)}
          describedBy={repeatHintId}
          value={repeat}
          onChange={setRepeat}
          onBlur={() => setChecked((now) => ({ ...now, repeat: true }))}
        />
        <p id={repeatHintId} className={repeatError ? 'field-error' : 'sr-only'}>
          {repeatError ?? ''}
        </p>
        <p className="warning" role="note">
          <Icon name="warning" />
          <span>
            <FormattedMessage
              id="vault.create.writeItDown"
              defaultMessage="<strong>Write it down somewhere safe.</strong> If you forget the master password, nobody can recover your keys — not even us. There is no reset."
              values={{ strong: (chunks) => <strong>{chunks}</strong> }}
            />
          </span>
        </p>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        {weak.warned && (
          <p role="alert" className="warning">
            <Icon name="warning" />
            <span>{weakWarning(intl)}</span>
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? (
            <FormattedMessage id="vault.create.busy" defaultMessage="Creating…" />
          ) : weak.warned ? (
            <FormattedMessage id="vault.create.submitWeak" defaultMessage="Create vault with this weak password" />
          ) : (
            <FormattedMessage id="vault.create.submit" defaultMessage="Create vault" />
          )}
        </button>
      </form>
    </main>
  );
}
