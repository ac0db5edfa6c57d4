import { useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { providerLook } from '../../../../contract/provider-look.ts';
import { TRASH_DAYS, type TrashedKey } from '../../../../contract/trash.ts';
import { api } from '../../api.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Icon } from '../../components/Icon.tsx';
import { errorText } from '../../lib/error-text.ts';
import { dateTime, mediumDate, timeAgo } from '../../lib/time.ts';
import { useKeys } from '../../stores/keys.ts';

type Confirming = { kind: 'one'; key: TrashedKey } | { kind: 'all' } | null;

/**
 * Deleted keys, kept TRASH_DAYS days with their history: restore one, delete one forever, or
 * empty the trash. Nothing here is a secret: masked values and labels only.
 */
export function TrashView() {
  const intl = useIntl();
  const [keys, setKeys] = useState<TrashedKey[] | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const reloadKeys = useKeys((s) => s.reload);
  // The key list reloads after every delete and undo, wherever they happen: read the trash again then too.
  const liveKeys = useKeys((s) => s.keys);

  // Bumped after a change, to read the trash again.
  const [generation, setGeneration] = useState(0);
  const load = () => setGeneration((n) => n + 1);

  useEffect(() => {
    let current = true;
    api.trash.list().then(
      (list) => current && setKeys(list),
      (error: unknown) =>
        current &&
        setMessage({
          text: errorText(
            error,
            intl.formatMessage({ id: 'trash.readFailed', defaultMessage: 'Could not read the trash.' }),
            intl,
          ),
          error: true,
        }),
    );
    return () => {
      current = false;
    };
  }, [generation, liveKeys, intl]);

  async function restore(key: TrashedKey) {
    try {
      await api.trash.restore({ id: key.id });
      setMessage({
        text: intl.formatMessage({ id: 'trash.restored', defaultMessage: 'Restored “{label}”.' }, { label: key.label }),
        error: false,
      });
      load();
      await reloadKeys();
    } catch (error) {
      setMessage({
        text: errorText(
          error,
          intl.formatMessage({ id: 'trash.restoreFailed', defaultMessage: 'Could not restore the key.' }),
          intl,
        ),
        error: true,
      });
    }
  }

  async function purge(ids: string[] | undefined) {
    try {
      const { purged } = await api.trash.purge(ids ? { ids } : {});
      setConfirming(null);
      setMessage({
        text: intl.formatMessage(
          { id: 'trash.purged', defaultMessage: 'Deleted forever: {count, plural, one {# key} other {# keys}}.' },
          { count: purged.length },
        ),
        error: false,
      });
      load();
    } catch (error) {
      setConfirming(null);
      setMessage({
        text: errorText(
          error,
          intl.formatMessage({ id: 'trash.purgeFailed', defaultMessage: 'Could not delete the keys.' }),
          intl,
        ),
        error: true,
      });
    }
  }

  return (
    <div className="trash-view">
      <div className="view-heading">
        <h1>
          <FormattedMessage id="trash.title" defaultMessage="Trash" />
        </h1>
        {keys !== null && keys.length > 0 && (
          <button type="button" className="secondary" onClick={() => setConfirming({ kind: 'all' })}>
            <FormattedMessage id="trash.empty" defaultMessage="Empty trash…" />
          </button>
        )}
      </div>
      <p className="muted">
        <FormattedMessage
          id="trash.intro"
          defaultMessage="Deleted keys wait here {days, plural, one {# day} other {# days}} with their rotation history, then they are deleted for good. Reminders, quick copy, the tray and search leave them out."
          values={{ days: TRASH_DAYS }}
        />
      </p>
      <p className={message?.error ? 'error' : 'muted'} role="status">
        {message?.text ?? ''}
      </p>
      {keys === null ? null : keys.length === 0 ? (
        <div className="empty-state">
          <div className="empty-icon" aria-hidden="true">
            <Icon name="trash" />
          </div>
          <h2>
            <FormattedMessage id="trash.isEmpty" defaultMessage="The trash is empty" />
          </h2>
        </div>
      ) : (
        <ul className="trash-list" aria-label={intl.formatMessage({ id: 'trash.list', defaultMessage: 'Keys in the trash' })}>
          {keys.map((key) => (
            <li key={key.id} aria-label={key.label}>
              <div className="trash-key">
                <strong>{key.label}</strong>
                <span className="muted">{providerLook(key.provider).name}</span>
                <code className="masked">{key.masked}</code>
              </div>
              <div className="trash-dates muted">
                <span title={dateTime(key.deletedAt, intl, 'medium')}>
                  <FormattedMessage
                    id="trash.deletedAgo"
                    defaultMessage="Deleted {when}"
                    values={{ when: timeAgo(key.deletedAt, undefined, intl) }}
                  />
                </span>
                <span>
                  <FormattedMessage
                    id="trash.purgeOn"
                    defaultMessage="Deleted for good on {date}"
                    values={{ date: mediumDate(key.purgeAt, intl) }}
                  />
                </span>
              </div>
              <div className="trash-actions">
                <button
                  type="button"
                  className="secondary small"
                  aria-label={intl.formatMessage(
                    { id: 'trash.restoreLabel', defaultMessage: 'Restore {label}' },
                    { label: key.label },
                  )}
                  onClick={() => void restore(key)}
                >
                  <FormattedMessage id="trash.restore" defaultMessage="Restore" />
                </button>
                <button
                  type="button"
                  className="secondary small"
                  aria-label={intl.formatMessage(
                    { id: 'trash.purgeLabel', defaultMessage: 'Delete forever: {label}' },
                    { label: key.label },
                  )}
                  onClick={() => setConfirming({ kind: 'one', key })}
                >
                  <FormattedMessage id="trash.purgeOne" defaultMessage="Delete forever…" />
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {confirming && (
        <Dialog
          title={
            confirming.kind === 'all'
              ? intl.formatMessage({ id: 'trash.confirmAllTitle', defaultMessage: 'Empty the trash?' })
              : intl.formatMessage(
                  { id: 'trash.confirmOneTitle', defaultMessage: 'Delete “{label}” forever?' },
                  { label: confirming.key.label },
                )
          }
          role="alertdialog"
          onClose={() => setConfirming(null)}
          description={
            confirming.kind === 'all'
              ? intl.formatMessage(
                  {
                    id: 'trash.confirmAll',
                    defaultMessage:
                      'Every key in the trash ({count}) and its rotation history will be deleted for good. Their spend stays in Costs, without a key. This cannot be undone.',
                  },
                  { count: keys?.length ?? 0 },
                )
              : intl.formatMessage({
                  id: 'trash.confirmOne',
                  defaultMessage:
                    'The key and its rotation history will be deleted for good. Its spend stays in Costs, without a key. This cannot be undone; revoke the key at the provider too if it is no longer needed.',
                })
          }
        >
          <div className="dialog-actions">
            <button type="button" className="secondary" data-autofocus onClick={() => setConfirming(null)}>
              <FormattedMessage id="trash.cancel" defaultMessage="Cancel" />
            </button>
            <button
              type="button"
              className="danger-button"
              onClick={() => void purge(confirming.kind === 'all' ? undefined : [confirming.key.id])}
            >
              {confirming.kind === 'all' ? (
                <FormattedMessage id="trash.confirmAllButton" defaultMessage="Empty trash" />
              ) : (
                <FormattedMessage id="trash.confirmOneButton" defaultMessage="Delete forever" />
              )}
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
