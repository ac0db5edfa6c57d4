import { useId, useState, type FormEvent } from 'react';
import { isKeywardError } from '../../../../contract/errors.ts';
import { api } from '../../api.ts';
import { Icon } from '../../components/Icon.tsx';
import { useSession } from '../../stores/session.ts';
import { PasswordStrength } from './PasswordStrength.tsx';

export function CreateVault() {
  const setStatus = useSession((s) => s.setStatus);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const strengthId = useId();
  const repeatHintId = useId();
  const mismatch = repeat.length > 0 && repeat !== password;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (password.length < 8) return setError('Use at least 8 characters.');
    if (password !== repeat) return setError('The two passwords differ.');
    setBusy(true);
    setError(null);
    try {
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
        <label className="field">
          <span>Master password</span>
          <input
            type="password"
            autoFocus
            autoComplete="new-password"
            aria-describedby={strengthId}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <PasswordStrength password={password} id={strengthId} />
        <label className="field">
          <span>Repeat it</span>
          <input
            type="password"
            autoComplete="new-password"
            aria-invalid={mismatch}
            aria-describedby={repeatHintId}
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
          />
        </label>
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
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create vault'}
        </button>
      </form>
    </main>
  );
}
