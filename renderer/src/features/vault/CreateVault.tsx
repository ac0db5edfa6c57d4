import { useId, useState, type FormEvent } from 'react';
import { isKeywardError } from '../../../../contract/errors.ts';
import { newPassword } from '../../../../contract/vault.ts';
import { fieldError } from '../../lib/field-error.ts';
import { api } from '../../api.ts';
import { Icon } from '../../components/Icon.tsx';
import { useSession } from '../../stores/session.ts';
import { PasswordField } from './PasswordField.tsx';
import { PasswordStrength } from './PasswordStrength.tsx';
import { useWeakPasswordGate, WEAK_WARNING } from './weak-password.ts';

export function CreateVault() {
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
  const passwordError = checked.password ? fieldError(newPassword, password) : undefined;
  // While the repeat can still become the password it is not wrong yet; once it cannot, or the field is left, it is.
  const mismatch = repeat.length > 0 && repeat !== password && (checked.repeat || !password.startsWith(repeat));
  const repeatError = mismatch
    ? 'The two passwords differ.'
    : checked.repeat && !repeat && password
      ? 'Type the password again.'
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
      setError(isKeywardError(caught) ? caught.message : 'Could not create the vault.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="gate">
      <form className="gate-card" onSubmit={(event) => void submit(event)} aria-labelledby="create-title" noValidate>
        <div className="brand" aria-hidden="true">
          <Icon name="key" />
          Keyward
        </div>
        <h1 id="create-title">Create your Keyward vault</h1>
        <p className="muted">
          One master password encrypts every key on this computer. You will type it each time you unlock Keyward.
        </p>
        <PasswordField
          label="Master password"
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
          label="Repeat it"
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
            <strong>Write it down somewhere safe.</strong> If you forget the master password, nobody can recover your keys — not
            even us. There is no reset.
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
            <span>{WEAK_WARNING}</span>
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Creating…' : weak.warned ? 'Create vault with this weak password' : 'Create vault'}
        </button>
      </form>
    </main>
  );
}
