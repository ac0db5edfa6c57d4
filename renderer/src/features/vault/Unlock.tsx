import { useState, type FormEvent } from 'react';
import { isKeywardError } from '../../../../contract/errors.ts';
import { api } from '../../api.ts';
import { useSession } from '../../stores/session.ts';

export function Unlock() {
  const setStatus = useSession((s) => s.setStatus);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setStatus(await api.vault.unlock({ password }));
    } catch (caught) {
      setError(isKeywardError(caught) ? caught.message : 'Could not unlock the vault.');
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="gate">
      <form className="gate-card" onSubmit={submit} aria-labelledby="unlock-title">
        <h1 id="unlock-title">Keyward is locked</h1>
        <label>
          Master password
          <input type="password" autoFocus autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy || password.length === 0}>
          {busy ? 'Unlocking…' : 'Unlock'}
        </button>
      </form>
    </main>
  );
}
