import { useState, type FormEvent } from 'react';
import { isKeywardError } from '../../../../contract/errors.ts';
import { api } from '../../api.ts';
import { useSession } from '../../stores/session.ts';

export function CreateVault() {
  const setStatus = useSession((s) => s.setStatus);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
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
      <form className="gate-card" onSubmit={submit} aria-labelledby="create-title">
        <h1 id="create-title">Create your Keyward vault</h1>
        <p>One master password encrypts every key on this computer.</p>
        <label>
          Master password
          <input type="password" autoFocus autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <label>
          Repeat it
          <input type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} />
        </label>
        <p className="warning">If you forget the master password, nobody can recover your keys — not even us.</p>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create vault'}
        </button>
      </form>
    </main>
  );
}
