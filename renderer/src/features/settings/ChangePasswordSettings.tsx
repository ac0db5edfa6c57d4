import { useId, useRef, useState, type FormEvent } from 'react';
import { defineMessage, FormattedMessage, useIntl } from 'react-intl';
import type { BackupInfo } from '../../../../contract/backups.ts';
import { isKeywardError } from '../../../../contract/errors.ts';
import { api } from '../../api.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Icon } from '../../components/Icon.tsx';
import { backupWhen } from '../../lib/backups.ts';
import { errorText } from '../../lib/error-text.ts';
import { duration } from '../../lib/time.ts';
import { PasswordField } from '../vault/PasswordField.tsx';
import { PasswordStrength } from '../vault/PasswordStrength.tsx';
import { useWeakPasswordGate, weakWarning } from '../vault/weak-password.ts';

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
      <h2 id={headingId}>
        <FormattedMessage id="settings.password.title" defaultMessage="Master password" />
      </h2>
      <p className="field-hint">
        <FormattedMessage
          id="settings.password.hint"
          defaultMessage="It encrypts every key in this vault. Changing it asks for the current one first."
        />
      </p>
      <div>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setDone(null);
            setOpen(true);
          }}
        >
          <FormattedMessage id="settings.password.change" defaultMessage="Change master password…" />
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

const mismatchMessage = defineMessage({ id: 'settings.password.mismatch', defaultMessage: 'The two new passwords differ.' });

function ChangePasswordDialog({
  onClose,
  onBackupsChanged,
}: {
  onClose: (message?: string) => void;
  onBackupsChanged: () => void;
}) {
  const intl = useIntl();
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
    if (!current) {
      return setError(
        intl.formatMessage({ id: 'settings.password.currentMissing', defaultMessage: 'Enter the current master password.' }),
      );
    }
    if (next.length < 8) {
      return setError(
        intl.formatMessage({
          id: 'settings.password.tooShort',
          defaultMessage: 'Use at least 8 characters for the new password.',
        }),
      );
    }
    if (next !== repeat) return setError(intl.formatMessage(mismatchMessage));
    if (next === current) {
      return setError(
        intl.formatMessage({
          id: 'settings.password.unchanged',
          defaultMessage: 'The new password is the one in use now; choose another.',
        }),
      );
    }
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
      if (older.length === 0) {
        return onClose(
          intl.formatMessage({
            id: 'settings.password.changed',
            defaultMessage: 'Master password changed. Use the new one from now on.',
          }),
        );
      }
      setOlderBackups(older.reverse());
    } catch (caught) {
      if (isKeywardError(caught) && caught.code === 'Throttled') {
        setError(
          intl.formatMessage(
            { id: 'settings.password.throttled', defaultMessage: 'Too many wrong passwords. Wait {wait} before the next try.' },
            { wait: duration(caught.retryAfterMs ?? 0, intl) },
          ),
        );
      } else {
        setError(
          errorText(
            caught,
            intl.formatMessage({
              id: 'settings.password.failed',
              defaultMessage: 'Could not change the master password; the current one still applies.',
            }),
            intl,
          ),
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
    <Dialog
      title={intl.formatMessage({ id: 'settings.password.dialogTitle', defaultMessage: 'Change master password' })}
      onClose={() => onClose()}
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <PasswordField
          label={intl.formatMessage({ id: 'settings.password.current', defaultMessage: 'Current master password' })}
          inputRef={currentInput}
          autoComplete="current-password"
          value={current}
          invalid={currentRefused}
          describedBy={errorId}
          onChange={setCurrent}
        />
        <PasswordField
          label={intl.formatMessage({ id: 'settings.password.new', defaultMessage: 'New master password' })}
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
          label={intl.formatMessage({ id: 'settings.password.repeat', defaultMessage: 'Repeat the new password' })}
          autoComplete="new-password"
          invalid={mismatch}
          describedBy={repeatHintId}
          value={repeat}
          onChange={setRepeat}
        />
        <p id={repeatHintId} className={mismatch ? 'field-error' : 'sr-only'}>
          {mismatch ? intl.formatMessage(mismatchMessage) : ''}
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
            <span>{weakWarning(intl)}</span>
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={() => onClose()}>
            <FormattedMessage id="settings.cancel" defaultMessage="Cancel" />
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? (
              <FormattedMessage id="settings.password.busy" defaultMessage="Changing…" />
            ) : weak.warned ? (
              <FormattedMessage id="settings.password.submitWeak" defaultMessage="Use this weak password" />
            ) : (
              <FormattedMessage id="settings.password.submit" defaultMessage="Change password" />
            )}
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
  const intl = useIntl();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const keptMessage = intl.formatMessage({
    id: 'settings.password.olderKept',
    defaultMessage: 'Master password changed. The older backups were kept.',
  });

  async function remove() {
    setBusy(true);
    try {
      const { deleted } = await api.backups.delete({ names: backups.map((b) => b.name) });
      onBackupsChanged();
      onClose(
        intl.formatMessage(
          {
            id: 'settings.password.olderDeleted',
            defaultMessage:
              'Master password changed; {count, plural, one {# older backup} other {# older backups}} deleted. Take a new backup to have one under the new password.',
          },
          { count: deleted.length },
        ),
      );
    } catch (caught) {
      setError(
        errorText(
          caught,
          intl.formatMessage({
            id: 'settings.password.olderDeleteFailed',
            defaultMessage: 'Could not delete the backups; they are still there.',
          }),
          intl,
        ),
      );
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={intl.formatMessage({ id: 'settings.password.olderTitle', defaultMessage: 'Master password changed' })}
      role="alertdialog"
      onClose={() => onClose(keptMessage)}
      description={intl.formatMessage({
        id: 'settings.password.olderDescription',
        defaultMessage:
          'Backups taken before now still open with the master password of their time, not with the new one. Anyone who has a backup file and knows an old password can read the keys it holds. If an old password may be known to someone else, delete these backups.',
      })}
    >
      <ul
        className="backup-list"
        aria-label={intl.formatMessage({
          id: 'settings.password.olderList',
          defaultMessage: 'Backups that open with an earlier password',
        })}
      >
        {backups.map((backup) => (
          <li key={backup.name}>
            <span className="backup-when">{backupWhen(backup, intl)}</span>
          </li>
        ))}
      </ul>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="secondary" data-autofocus onClick={() => onClose(keptMessage)}>
          <FormattedMessage id="settings.password.keepOlder" defaultMessage="Keep them" />
        </button>
        <button type="button" className="danger-button" disabled={busy} onClick={() => void remove()}>
          <FormattedMessage
            id="settings.password.deleteOlder"
            defaultMessage="{count, plural, one {Delete the # backup} other {Delete all # backups}}"
            values={{ count: backups.length }}
          />
        </button>
      </div>
    </Dialog>
  );
}
