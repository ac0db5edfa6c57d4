import { useEffect, useState } from 'react';
import type { KeySummary } from '../../../../contract/keys.ts';
import { api } from '../../api.ts';
import { useSession } from '../../stores/session.ts';

/** The foundation's plain list of keys (masked); the key-cards view replaces it. */
export function KeyList() {
  const setStatus = useSession((s) => s.setStatus);
  const [keys, setKeys] = useState<KeySummary[]>([]);

  useEffect(() => {
    void api.keys.list().then(setKeys);
  }, []);

  return (
    <main className="vault">
      <header className="toolbar">
        <h1>Keyward</h1>
        <button type="button" onClick={() => void api.vault.lock().then(setStatus)}>
          Lock
        </button>
      </header>
      {keys.length === 0 ? (
        <p className="empty">No keys yet. Add one with the CLI: keyward add --label NAME</p>
      ) : (
        <ul className="keys">
          {keys.map((key) => (
            <li key={key.id}>
              <strong>{key.label}</strong> <span>{key.provider}</span> <code>{key.masked}</code>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
