import { useId, useRef, useState, type FormEvent } from 'react';
import type { BackupInfo } from '../../../../contract/backups.ts';
import { isKeywardError } from '../../../../contract/errors.ts';
import { api } from '../../api.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Icon } from '../../components/Icon.tsx';
import { backupWhen } from '../../lib/backups.ts';
import { duration } from '../../lib/time.ts';
import { PasswordField } from '../vault/PasswordField.tsx';
import { PasswordStrength } from '../vault/PasswordStrength.tsx';
import { useWeakPasswordGate, WEAK_WARNING } from '../vault/weak-password.ts';

/**
 * Settings → Master password: change it (current, new, repeat), then say what the change means
 * for the backups already taken, which keep opening with the password of their time, and offer
 * to delete them. `onBackupsChanged` lets the backup list below read the directory again.
 */
export function ChangePasswordSettings({ onBackupsChanged }: { onBackupsChanged: () => void }) {
  const headingId = useId();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  return (
    <section className="settings-group" aria-labelledby={headingId}>
      <h2 id={headingId}>Master password</h2>
      <p className="field-hint">It encrypts every key in this vault. Changing it asks for the current one first.</p>
      <div>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setDone(null);
            setOpen(true);
          }}
        >
          Change master password…
        </button>
      </div>
      <p className="muted" role="status">
        {done ?? ''}
      </p>
      {open && (
        <ChangePasswordDialog
          onClose={(message) => {
            setOpen(false);
            if (message) setDone(message);
          }}
          onBackupsChanged={onBackupsChanged}
        />
      )}
    </section>
  );
}

function ChangePasswordDialog({
  onClose,
  onBackupsChanged,
}: {
  onClose: (message?: string) => void;
  onBackupsChanged: () => void;
}) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  // Main refused the current password (wrong, or too many wrong ones): that field is marked.
  const [currentRefused, setCurrentRefused] = useState(false);
  const [busy, setBusy] = useState(false);
  // Backups that existed when the password changed: they open with an earlier password.
  const [olderBackups, setOlderBackups] = useState<BackupInfo[] | null>(null);
  const weak = useWeakPasswordGate();
  const currentInput = useRef<HTMLInputElement>(null);
  const strengthId = useId();
  const repeatHintId = useId();
  const errorId = useId();
  const mismatch = repeat.length > 0 && repeat !== next;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!current) return setError('Enter the current master password.');
    if (next.length < 8) return setError('Use at least 8 characters for the new password.');
    if (next !== repeat) return setError('The two new passwords differ.');
    if (next === current) return setError('The new password is the one in use now; choose another.');
    setBusy(true);
    setError(null);
    setCurrentRefused(false);
    try {
      if (!(await weak.mayUse(next))) return;
      await api.vault.changePassword({ current, next });
      setCurrent('');
      setNext('');
      setRepeat('');
      // The change itself took one backup under the new password (the newest, reason
      // after-password-change): it is the one that opens with the new password, not an older one.
      const backups = await api.backups.list().catch(() => []);
      const ownBackup = backups.at(-1)?.reason === 'after-password-change' ? backups.at(-1) : undefined;
      const older = backups.filter((backup) => backup !== ownBackup);
      if (older.length === 0) return onClose('Master password changed. Use the new one from now on.');
      setOlderBackups(older.reverse());
    } catch (caught) {
      if (isKeywardError(caught) && caught.code === 'Throttled') {
        setError(`Too many wrong passwords. Wait ${duration(caught.retryAfterMs ?? 0)} before the next try.`);
      } else {
        setError(
          isKeywardError(caught) ? caught.message : 'Could not change the master password; the current one still applies.',
        );
      }
      // A wrong current password stays typed, selected, like on the unlock screen.
      if (isKeywardError(caught) && (caught.code === 'WrongPassword' || caught.code === 'Throttled')) {
        setCurrentRefused(true);
        requestAnimationFrame(() => {
          currentInput.current?.focus();
          currentInput.current?.select();
        });
      }
    } finally {
      setBusy(false);
    }
  }

  if (olderBackups) return <OlderBackupsDialog backups={olderBackups} onClose={onClose} onBackupsChanged={onBackupsChanged} />;

  return (
    <Dialog title="Change master password" onClose={() => onClose()}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <PasswordField
          label="Current master password"
          inputRef={currentInput}
          autoComplete="current-password"
          value={current}
          invalid={currentRefused}
          describedBy={errorId}
          onChange={setCurrent}
        />
        <PasswordField
          label="New master password"
          autoComplete="new-password"
          describedBy={strengthId}
          value={next}
          onChange={(value) => {
            setNext(value);
            weak.reset();
          }}
        />
        <PasswordStrength password={next} id={strengthId} />
        <PasswordField
          label="Repeat the new password"
          autoComplete="new-password"
          invalid={mismatch}
          describedBy={repeatHintId}
          value={repeat}
          onChange={setRepeat}
        />
        <p id={repeatHintId} className={mismatch ? 'field-error' : 'sr-only'}>
          {mismatch ? 'The two new passwords differ.' : ''}
        </p>
        <div id={errorId}>
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
        </div>
        {weak.warned && (
          <p role="alert" className="warning">
            <Icon name="warning" />
            <span>{WEAK_WARNING}</span>
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={() => onClose()}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Changing…' : weak.warned ? 'Use this weak password' : 'Change password'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function OlderBackupsDialog({
  backups,
  onClose,
  onBackupsChanged,
}: {
  backups: BackupInfo[];
  onClose: (message: string) => void;
  onBackupsChanged: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const count = backups.length === 1 ? 'the 1 backup' : `all ${backups.length} backups`;

  async function remove() {
    setBusy(true);
    try {
      const { deleted } = await api.backups.delete({ names: backups.map((b) => b.name) });
      onBackupsChanged();
      onClose(
        `Master password changed; ${deleted.length === 1 ? '1 older backup' : `${deleted.length} older backups`} deleted. Take a new backup to have one under the new password.`,
      );
    } catch (caught) {
      setError(isKeywardError(caught) ? caught.message : 'Could not delete the backups; they are still there.');
      setBusy(false);
    }
  }

  return (
    <Dialog
      title="Master password changed"
      role="alertdialog"
      onClose={() => onClose('Master password changed. The older backups were kept.')}
      description="Backups taken before now still open with the master password of their time, not with the new one. Anyone who has a backup file and knows an old password can read the keys it holds. If an old password may be known to someone else, delete these backups."
    >
      <ul className="backup-list" aria-label="Backups that open with an earlier password">
        {backups.map((backup) => (
          <li key={backup.name}>
            <span className="backup-when">{backupWhen(backup)}</span>
          </li>
        ))}
      </ul>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button
          type="button"
          className="secondary"
          data-autofocus
          onClick={() => onClose('Master password changed. The older backups were kept.')}
        >
          Keep them
        </button>
        <button type="button" className="danger-button" disabled={busy} onClick={() => void remove()}>
          Delete {count}
        </button>
      </div>
    </Dialog>
  );
}
