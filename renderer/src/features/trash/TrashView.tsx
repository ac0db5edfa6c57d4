import { useEffect, useState } from 'react';
import { isKeywardError } from '../../../../contract/errors.ts';
import { providerLook } from '../../../../contract/provider-look.ts';
import { TRASH_DAYS, type TrashedKey } from '../../../../contract/trash.ts';
import { api } from '../../api.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Icon } from '../../components/Icon.tsx';
import { timeAgo } from '../../lib/time.ts';
import { useKeys } from '../../stores/keys.ts';

const dateOf = (iso: string) => new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' });

type Confirming = { kind: 'one'; key: TrashedKey } | { kind: 'all' } | null;

/**
 * Deleted keys, kept TRASH_DAYS days with their history: restore one, delete one forever, or
 * empty the trash. Nothing here is a secret: masked values and labels only.
 */
export function TrashView() {
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
        current && setMessage({ text: isKeywardError(error) ? error.message : 'Could not read the trash.', error: true }),
    );
    return () => {
      current = false;
    };
  }, [generation, liveKeys]);

  async function restore(key: TrashedKey) {
    try {
      await api.trash.restore({ id: key.id });
      setMessage({ text: `Restored “${key.label}”.`, error: false });
      load();
      await reloadKeys();
    } catch (error) {
      setMessage({ text: isKeywardError(error) ? error.message : 'Could not restore the key.', error: true });
    }
  }

  async function purge(ids: string[] | undefined) {
    try {
      const { purged } = await api.trash.purge(ids ? { ids } : {});
      setConfirming(null);
      setMessage({ text: `Deleted forever: ${purged.length} ${purged.length === 1 ? 'key' : 'keys'}.`, error: false });
      load();
    } catch (error) {
      setConfirming(null);
      setMessage({ text: isKeywardError(error) ? error.message : 'Could not delete the keys.', error: true });
    }
  }

  return (
    <div className="trash-view">
      <div className="view-heading">
        <h1>Trash</h1>
        {keys !== null && keys.length > 0 && (
          <button type="button" className="secondary" onClick={() => setConfirming({ kind: 'all' })}>
            Empty trash…
          </button>
        )}
      </div>
      <p className="muted">
        Deleted keys wait here {TRASH_DAYS} days with their rotation history, then they are deleted for good. Reminders, quick
        copy, the tray and search leave them out.
      </p>
      <p className={message?.error ? 'error' : 'muted'} role="status">
        {message?.text ?? ''}
      </p>
      {keys === null ? null : keys.length === 0 ? (
        <div className="empty-state">
          <div className="empty-icon" aria-hidden="true">
            <Icon name="trash" />
          </div>
          <h2>The trash is empty</h2>
        </div>
      ) : (
        <ul className="trash-list" aria-label="Keys in the trash">
          {keys.map((key) => (
            <li key={key.id} aria-label={key.label}>
              <div className="trash-key">
                <strong>{key.label}</strong>
                <span className="muted">{providerLook(key.provider).name}</span>
                <code className="masked">{key.masked}</code>
              </div>
              <div className="trash-dates muted">
                <span title={new Date(key.deletedAt).toLocaleString()}>Deleted {timeAgo(key.deletedAt)}</span>
                <span>Deleted for good on {dateOf(key.purgeAt)}</span>
              </div>
              <div className="trash-actions">
                <button
                  type="button"
                  className="secondary small"
                  aria-label={`Restore ${key.label}`}
                  onClick={() => void restore(key)}
                >
                  Restore
                </button>
                <button
                  type="button"
                  className="secondary small"
                  aria-label={`Delete forever: ${key.label}`}
                  onClick={() => setConfirming({ kind: 'one', key })}
                >
                  Delete forever…
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {confirming && (
        <Dialog
          title={confirming.kind === 'all' ? 'Empty the trash?' : `Delete “${confirming.key.label}” forever?`}
          role="alertdialog"
          onClose={() => setConfirming(null)}
          description={
            confirming.kind === 'all'
              ? `Every key in the trash (${keys?.length ?? 0}) and its rotation history will be deleted for good. Their spend stays in Costs, without a key. This cannot be undone.`
              : 'The key and its rotation history will be deleted for good. Its spend stays in Costs, without a key. This cannot be undone; revoke the key at the provider too if it is no longer needed.'
          }
        >
          <div className="dialog-actions">
            <button type="button" className="secondary" data-autofocus onClick={() => setConfirming(null)}>
              Cancel
            </button>
            <button
              type="button"
              className="danger-button"
              onClick={() => void purge(confirming.kind === 'all' ? undefined : [confirming.key.id])}
            >
              {confirming.kind === 'all' ? 'Empty trash' : 'Delete forever'}
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
