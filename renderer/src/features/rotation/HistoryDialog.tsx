import { useCallback, useEffect, useState } from 'react';
import { isKeywardError } from '../../../../contract/errors.ts';
import type { KeySummary } from '../../../../contract/keys.ts';
import type { HistoryEntry } from '../../../../contract/rotation.ts';
import { api } from '../../api.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Icon } from '../../components/Icon.tsx';
import { duration } from '../../lib/time.ts';
import { useCountdown } from '../../lib/use-countdown.ts';
import { useUi } from '../../stores/ui.ts';
import { formatDay } from '../reminders/NeedsAttention.tsx';

/** How long an old key stays on screen once revealed. */
export const HISTORY_REVEAL_MS = 20_000;

/**
 * A key's earlier secrets, masked, newest first. One can be revealed on purpose (audited in
 * main); it shows until hidden, for HISTORY_REVEAL_MS, or until the window loses focus. An old
 * key kept for a grace period can be marked revoked, which ends its reminder.
 */
export function HistoryDialog({ id }: { id: string }) {
  const close = useUi((s) => s.close);
  const [key, setKey] = useState<KeySummary | null>(null);
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<{ seq: number; secret: string; until: number } | null>(null);
  const left = useCountdown(revealed?.until ?? null);
  const hide = useCallback(() => setRevealed(null), []);

  useEffect(() => {
    let live = true;
    Promise.all([api.keys.get({ id }), api.keys.history({ id })]).then(
      ([found, list]) => {
        if (!live) return;
        setKey(found);
        setEntries(list);
      },
      (caught: unknown) => live && setError(isKeywardError(caught) ? caught.message : 'Could not load the history.'),
    );
    return () => {
      live = false;
    };
  }, [id]);

  // The old key goes from state (not only from the screen) when its time is up.
  useEffect(() => {
    if (!revealed) return;
    const timer = setTimeout(hide, Math.max(0, revealed.until - Date.now()));
    return () => clearTimeout(timer);
  }, [revealed, hide]);
  useEffect(() => {
    window.addEventListener('blur', hide);
    return () => window.removeEventListener('blur', hide);
  }, [hide]);

  async function reveal(seq: number) {
    try {
      const { secret } = await api.keys.revealHistory({ id, seq });
      setRevealed({ seq, secret, until: Date.now() + HISTORY_REVEAL_MS });
    } catch (caught) {
      setError(isKeywardError(caught) ? caught.message : 'Could not reveal the old key.');
    }
  }

  async function markRevoked(seq: number) {
    try {
      const entry = await api.keys.markRevoked({ id, seq });
      setEntries((list) => list?.map((e) => (e.seq === seq ? entry : e)) ?? null);
    } catch (caught) {
      setError(isKeywardError(caught) ? caught.message : 'Could not mark the old key revoked.');
    }
  }

  return (
    <Dialog
      title={key ? `Old keys of “${key.label}”` : 'Old keys'}
      className="history-dialog"
      onClose={close}
      description="Each rotation keeps the key it replaced here, encrypted. Revealing one is recorded in the audit log."
    >
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {entries && entries.length === 0 && <p className="muted">This key has not been rotated yet.</p>}
      {entries && entries.length > 0 && (
        <ol className="history" reversed>
          {entries.map((entry) => (
            <li key={entry.seq} className="history-entry" aria-label={`Old key #${entry.seq}`}>
              <div className="history-main">
                <span className="history-seq">#{entry.seq}</span>
                {revealed?.seq === entry.seq ? (
                  <code className="revealed-inline" aria-label={`Old key #${entry.seq} in full`}>
                    {revealed.secret}
                  </code>
                ) : (
                  <code className="masked">{entry.masked}</code>
                )}
                <span className="muted small">
                  in use {formatDay(entry.addedAt.slice(0, 10))} – {formatDay(entry.replacedAt.slice(0, 10))}
                </span>
                <Status entry={entry} />
              </div>
              <div className="history-actions">
                {revealed?.seq === entry.seq ? (
                  <button type="button" className="secondary small" onClick={hide}>
                    Hide{left !== null ? ` (${duration(left)})` : ''}
                  </button>
                ) : (
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Reveal old key #${entry.seq}`}
                    title="Reveal"
                    onClick={() => void reveal(entry.seq)}
                  >
                    <Icon name="eye" />
                  </button>
                )}
                {entry.revokedAt === null && (
                  <button type="button" className="secondary small" onClick={() => void markRevoked(entry.seq)}>
                    Mark revoked
                  </button>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={close}>
          Done
        </button>
      </div>
    </Dialog>
  );
}

function Status({ entry }: { entry: HistoryEntry }) {
  if (entry.revokedAt) return <span className="chip status-ok">Revoked {formatDay(entry.revokedAt.slice(0, 10))}</span>;
  if (entry.revokeBy) return <span className="chip status-soon">Revoke by {formatDay(entry.revokeBy)}</span>;
  return null;
}
