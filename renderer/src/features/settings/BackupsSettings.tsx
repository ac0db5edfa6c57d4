import { useEffect, useId, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { BackupInfo } from '../../../../contract/backups.ts';
import { api } from '../../api.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { backupReason, backupSize, backupWhen } from '../../lib/backups.ts';
import { errorText } from '../../lib/error-text.ts';

/**
 * Settings → Backups: the encrypted backups in the data directory, newest first; take one now;
 * restore one. The vault is unlocked here, so a restore needs no password: it saves the current
 * state as a backup first, puts the chosen one in place and locks (main's lock event brings the
 * unlock screen).
 */
export function BackupsSettings() {
  const intl = useIntl();
  const when = (backup: BackupInfo) => backupWhen(backup, intl);
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
        current &&
        setMessage({
          text: errorText(
            error,
            intl.formatMessage({ id: 'settings.backups.listFailed', defaultMessage: 'Could not list the backups.' }),
            intl,
          ),
          error: true,
        }),
    );
    return () => {
      current = false;
    };
    // An error is worded in the language in force: a change of language lists again.
  }, [generation, intl]);

  async function create() {
    setBusy(true);
    try {
      const info = await api.backups.create();
      setMessage({
        text: intl.formatMessage({ id: 'settings.backups.done', defaultMessage: 'Backed up ({when}).' }, { when: when(info) }),
        error: false,
      });
      setGeneration((n) => n + 1);
    } catch (error) {
      setMessage({
        text: errorText(
          error,
          intl.formatMessage({ id: 'settings.backups.failed', defaultMessage: 'Could not take a backup.' }),
          intl,
        ),
        error: true,
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="settings-group" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <FormattedMessage id="settings.backups.title" defaultMessage="Backups" />
      </h2>
      <p className="field-hint">
        <FormattedMessage
          id="settings.backups.hint"
          defaultMessage="Encrypted copies of the vault, kept beside it in its data directory: taken before every import and upgrade, and whenever you ask. The last 10 are kept. A restored backup opens with your current master password."
        />
      </p>
      <div>
        <button type="button" className="secondary" onClick={() => void create()} disabled={busy}>
          <FormattedMessage id="settings.backups.create" defaultMessage="Back up now" />
        </button>
      </div>
      {backups === null ? (
        <p className="muted">
          <FormattedMessage id="settings.backups.loading" defaultMessage="Loading the backups…" />
        </p>
      ) : backups.length === 0 ? (
        <p className="muted">
          <FormattedMessage id="settings.backups.none" defaultMessage="No backups yet." />
        </p>
      ) : (
        <ul className="backup-list" aria-label={intl.formatMessage({ id: 'settings.backups.list', defaultMessage: 'Backups' })}>
          {backups.map((backup) => (
            <li key={backup.name}>
              <span className="backup-when">{when(backup)}</span>
              <span className="badge">{backupReason(backup.reason, intl)}</span>
              <span className="muted">{backupSize(backup.sizeBytes, intl)}</span>
              <button
                type="button"
                className="secondary"
                aria-label={intl.formatMessage(
                  { id: 'settings.backups.restoreLabel', defaultMessage: 'Restore the backup from {when}' },
                  { when: when(backup) },
                )}
                onClick={() => setConfirming(backup)}
              >
                <FormattedMessage id="settings.backups.restore" defaultMessage="Restore…" />
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
  const intl = useIntl();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function restore() {
    setBusy(true);
    try {
      // Main locks the vault when it is done; its lock event takes the app to the unlock screen.
      await api.backups.restore({ name: backup.name });
    } catch (caught) {
      setError(
        errorText(
          caught,
          intl.formatMessage({
            id: 'settings.backups.restoreFailed',
            defaultMessage: 'Could not restore the backup; nothing was changed.',
          }),
          intl,
        ),
      );
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={intl.formatMessage(
        { id: 'settings.backups.restoreTitle', defaultMessage: 'Restore the backup from {when}?' },
        { when: backupWhen(backup, intl) },
      )}
      role="alertdialog"
      onClose={onClose}
      description={intl.formatMessage({
        id: 'settings.backups.restoreDescription',
        defaultMessage:
          'Keys, settings and history go back to how they were then. The current state is saved as a backup first, so you can return to it by restoring that one. The vault then locks: unlock it with your current master password.',
      })}
    >
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="secondary" data-autofocus onClick={onClose}>
          <FormattedMessage id="settings.cancel" defaultMessage="Cancel" />
        </button>
        <button type="button" className="danger-button" disabled={busy} onClick={() => void restore()}>
          <FormattedMessage id="settings.backups.restoreConfirm" defaultMessage="Save current state, restore and lock" />
        </button>
      </div>
    </Dialog>
  );
}
