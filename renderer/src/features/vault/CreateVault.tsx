import { useId, useState, type FormEvent } from 'react';
import { isKeywardError } from '../../../../contract/errors.ts';
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
  const strengthId = useId();
  const repeatHintId = useId();
  const mismatch = repeat.length > 0 && repeat !== password;
  const weak = useWeakPasswordGate();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (password.length < 8) return setError('Use at least 8 characters.');
    if (password !== repeat) return setError('The two passwords differ.');
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
        <p className="muted">One master password encrypts every key on this computer. You will type it each time you unlock Keyward.</p>
        <PasswordField
          label="Master password"
          autoFocus
          autoComplete="new-password"
          describedBy={strengthId}
          value={password}
          onChange={(value) => {
            setPassword(value);
            weak.reset();
          }}
        />
        <PasswordStrength password={password} id={strengthId} />
        <PasswordField label="Repeat it" autoComplete="new-password" invalid={mismatch} describedBy={repeatHintId} value={repeat} onChange={setRepeat} />
        <p id={repeatHintId} className={mismatch ? 'field-error' : 'sr-only'}>
          {mismatch ? 'The two passwords differ.' : ''}
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
