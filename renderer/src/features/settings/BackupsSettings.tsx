import { useEffect, useId, useState } from 'react';
import type { BackupInfo } from '../../../../contract/backups.ts';
import { isKeywardError } from '../../../../contract/errors.ts';
import { api } from '../../api.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { backupReason, backupSize, backupWhen as when } from '../../lib/backups.ts';

/**
 * Settings → Backups: the encrypted backups in the data directory, newest first; take one now;
 * restore one. The vault is unlocked here, so a restore needs no password: it saves the current
 * state as a backup first, puts the chosen one in place and locks (main's lock event brings the
 * unlock screen).
 */
export function BackupsSettings() {
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<BackupInfo | null>(null);
  const headingId = useId();

  // Bumped after a backup is taken, to list again.
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    api.backups.list().then(
      (list) => current && setBackups(list.reverse()),
      (error: unknown) =>
        current && setMessage({ text: isKeywardError(error) ? error.message : 'Could not list the backups.', error: true }),
    );
    return () => {
      current = false;
    };
  }, [generation]);

  async function create() {
    setBusy(true);
    try {
      const info = await api.backups.create();
      setMessage({ text: `Backed up (${when(info)}).`, error: false });
      setGeneration((n) => n + 1);
    } catch (error) {
      setMessage({ text: isKeywardError(error) ? error.message : 'Could not take a backup.', error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="settings-group" aria-labelledby={headingId}>
      <h2 id={headingId}>Backups</h2>
      <p className="field-hint">
        Encrypted copies of the vault, kept beside it in its data directory: taken before every import and upgrade, and whenever
        you ask. The last 10 are kept. A restored backup opens with your current master password.
      </p>
      <div>
        <button type="button" className="secondary" onClick={() => void create()} disabled={busy}>
          Back up now
        </button>
      </div>
      {backups === null ? (
        <p className="muted">Loading the backups…</p>
      ) : backups.length === 0 ? (
        <p className="muted">No backups yet.</p>
      ) : (
        <ul className="backup-list" aria-label="Backups">
          {backups.map((backup) => (
            <li key={backup.name}>
              <span className="backup-when">{when(backup)}</span>
              <span className="badge">{backupReason(backup.reason)}</span>
              <span className="muted">{backupSize(backup.sizeBytes)}</span>
              <button
                type="button"
                className="secondary"
                aria-label={`Restore the backup from ${when(backup)}`}
                onClick={() => setConfirming(backup)}
              >
                Restore…
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className={message?.error ? 'error' : 'muted'} role="status">
        {message?.text ?? ''}
      </p>
      {confirming && <RestoreDialog backup={confirming} onClose={() => setConfirming(null)} />}
    </section>
  );
}

function RestoreDialog({ backup, onClose }: { backup: BackupInfo; onClose: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function restore() {
    setBusy(true);
    try {
      // Main locks the vault when it is done; its lock event takes the app to the unlock screen.
      await api.backups.restore({ name: backup.name });
    } catch (caught) {
      setError(isKeywardError(caught) ? caught.message : 'Could not restore the backup; nothing was changed.');
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={`Restore the backup from ${when(backup)}?`}
      role="alertdialog"
      onClose={onClose}
      description="Keys, settings and history go back to how they were then. The current state is saved as a backup first, so you can return to it by restoring that one. The vault then locks: unlock it with your current master password."
    >
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="secondary" data-autofocus onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="danger-button" disabled={busy} onClick={() => void restore()}>
          Save current state, restore and lock
        </button>
      </div>
    </Dialog>
  );
}
