import { useEffect, useId, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { BackupInfo } from '../../../../contract/backups.ts';
import { api } from '../../api.ts';
import { backupReason, backupWhen } from '../../lib/backups.ts';
import { errorText } from '../../lib/error-text.ts';
import { PasswordField } from './PasswordField.tsx';

/**
 * Shown on the unlock screen when the vault no longer opens (VaultDamaged): pick a backup, give
 * the master password, and main sets the damaged files aside (never deleted) and puts the backup
 * in their place. The vault stays locked; the user unlocks as usual afterwards.
 */
export function Recover({ onRecovered }: { onRecovered: (message: string) => void }) {
  const intl = useIntl();
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const [chosen, setChosen] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const headingId = useId();

  useEffect(() => {
    let current = true;
    api.backups.list().then(
      (list) => {
        if (!current) return;
        const newestFirst = [...list].reverse();
        setBackups(newestFirst);
        setChosen(newestFirst[0]?.name ?? '');
      },
      () => current && setBackups([]),
    );
    return () => {
      current = false;
    };
  }, []);

  async function recover(event: FormEvent) {
    event.preventDefault();
    if (!chosen || !password || busy) return;
    setBusy(true);
    setError(null);
    try {
      const result = await api.backups.recover({ password, name: chosen });
      const backup = backups?.find((b) => b.name === result.restored);
      onRecovered(
        intl.formatMessage(
          {
            id: 'vault.recover.done',
            defaultMessage:
              'Recovered from the backup of {when}. The damaged files are kept in {folder}. Unlock with your master password.',
          },
          { when: backup ? backupWhen(backup, intl) : result.restored, folder: result.setAsideIn },
        ),
      );
    } catch (caught) {
      setPassword('');
      setError(
        errorText(
          caught,
          intl.formatMessage({
            id: 'vault.recover.failed',
            defaultMessage: 'Could not recover from that backup; nothing was changed.',
          }),
          intl,
        ),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="gate-card recover" onSubmit={(event) => void recover(event)} aria-labelledby={headingId}>
      <h2 id={headingId}>
        <FormattedMessage id="vault.recover.title" defaultMessage="Recover from a backup" />
      </h2>
      {backups === null ? (
        <p className="muted">
          <FormattedMessage id="vault.recover.loading" defaultMessage="Looking for backups…" />
        </p>
      ) : backups.length === 0 ? (
        <p className="muted">
          <FormattedMessage
            id="vault.recover.none"
            defaultMessage="There are no backups in this vault’s data folder. Keep the damaged files: they are all there is."
          />
        </p>
      ) : (
        <>
          <p className="muted">
            <FormattedMessage
              id="vault.recover.intro"
              defaultMessage="The damaged files are moved into a folder beside the vault, not deleted, and the backup takes their place. Anything changed after the backup was taken is not in it."
            />
          </p>
          <label className="field">
            <span>
              <FormattedMessage id="vault.recover.backup" defaultMessage="Backup" />
            </span>
            <select value={chosen} disabled={busy} onChange={(e) => setChosen(e.target.value)}>
              {backups.map((backup) => (
                <option key={backup.name} value={backup.name}>
                  {intl.formatMessage(
                    { id: 'vault.recover.option', defaultMessage: '{when} — {reason}' },
                    { when: backupWhen(backup, intl), reason: backupReason(backup.reason, intl) },
                  )}
                </option>
              ))}
            </select>
          </label>
          <PasswordField
            label={intl.formatMessage({ id: 'vault.recover.password', defaultMessage: 'Master password for the recovery' })}
            autoComplete="current-password"
            value={password}
            disabled={busy}
            onChange={setPassword}
          />
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
          <button type="submit" className="danger-button" disabled={busy || !chosen || password.length === 0}>
            {busy ? (
              <FormattedMessage id="vault.recover.busy" defaultMessage="Recovering…" />
            ) : (
              <FormattedMessage id="vault.recover.submit" defaultMessage="Set the damaged files aside and recover" />
            )}
          </button>
        </>
      )}
    </form>
  );
}
