import { useCallback, useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { KeySummary } from '../../../../contract/keys.ts';
import type { HistoryEntry } from '../../../../contract/rotation.ts';
import { api } from '../../api.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Icon } from '../../components/Icon.tsx';
import { getIntl } from '../../i18n/current.ts';
import { duration } from '../../lib/time.ts';
import { useCountdown } from '../../lib/use-countdown.ts';
import { useUi } from '../../stores/ui.ts';
import { formatDay } from '../keys/format.ts';
import { numberMark } from '../keys/symbols.ts';
import { errorText } from '../../lib/error-text.ts';

/** How long an old key stays on screen once revealed. */
export const HISTORY_REVEAL_MS = 20_000;

/**
 * A key's earlier secrets, masked, newest first. One can be revealed on purpose (audited in
 * main); it shows until hidden, for HISTORY_REVEAL_MS, or until the window loses focus. An old
 * key kept for a grace period can be marked revoked, which ends its reminder.
 */
export function HistoryDialog({ id }: { id: string }) {
  const intl = useIntl();
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
      (caught: unknown) =>
        live &&
        setError(
          errorText(
            caught,
            getIntl().formatMessage({ id: 'rotation.history.loadFailed', defaultMessage: 'Could not load the history.' }),
          ),
        ),
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
      setError(
        errorText(
          caught,
          intl.formatMessage({ id: 'rotation.history.revealFailed', defaultMessage: 'Could not reveal the old key.' }),
          intl,
        ),
      );
    }
  }

  async function markRevoked(seq: number) {
    try {
      const entry = await api.keys.markRevoked({ id, seq });
      setEntries((list) => list?.map((e) => (e.seq === seq ? entry : e)) ?? null);
    } catch (caught) {
      setError(
        errorText(
          caught,
          intl.formatMessage({ id: 'rotation.history.revokeFailed', defaultMessage: 'Could not mark the old key revoked.' }),
          intl,
        ),
      );
    }
  }

  return (
    <Dialog
      title={
        key
          ? intl.formatMessage({ id: 'rotation.history.title', defaultMessage: 'Old keys of “{label}”' }, { label: key.label })
          : intl.formatMessage({ id: 'rotation.history.titleLoading', defaultMessage: 'Old keys' })
      }
      className="history-dialog"
      onClose={close}
      description={intl.formatMessage({
        id: 'rotation.history.description',
        defaultMessage: 'Each rotation keeps the key it replaced here, encrypted. Revealing one is recorded in the audit log.',
      })}
    >
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {entries && entries.length === 0 && (
        <p className="muted">
          <FormattedMessage id="rotation.history.empty" defaultMessage="This key has not been rotated yet." />
        </p>
      )}
      {entries && entries.length > 0 && (
        <ol className="history" reversed>
          {entries.map((entry) => (
            <li
              key={entry.seq}
              className="history-entry"
              aria-label={intl.formatMessage(
                { id: 'rotation.history.entry', defaultMessage: 'Old key #{seq}' },
                { seq: entry.seq },
              )}
            >
              <div className="history-main">
                <span className="history-seq">{numberMark(entry.seq)}</span>
                {revealed?.seq === entry.seq ? (
                  <code
                    className="revealed-inline"
                    aria-label={intl.formatMessage(
                      { id: 'rotation.history.entryFull', defaultMessage: 'Old key #{seq} in full' },
                      { seq: entry.seq },
                    )}
                  >
                    {revealed.secret}
                  </code>
                ) : (
                  <code className="masked">{entry.masked}</code>
                )}
                <span className="muted small">
                  <FormattedMessage
                    id="rotation.history.inUse"
                    defaultMessage="in use {from} – {to}"
                    values={{
                      from: formatDay(intl, entry.addedAt.slice(0, 10)),
                      to: formatDay(intl, entry.replacedAt.slice(0, 10)),
                    }}
                  />
                </span>
                <Status entry={entry} />
              </div>
              <div className="history-actions">
                {revealed?.seq === entry.seq ? (
                  <button type="button" className="secondary small" onClick={hide}>
                    {left !== null ? (
                      <FormattedMessage
                        id="rotation.history.hideIn"
                        defaultMessage="Hide ({time})"
                        values={{ time: duration(left, intl) }}
                      />
                    ) : (
                      <FormattedMessage id="rotation.history.hide" defaultMessage="Hide" />
                    )}
                  </button>
                ) : (
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={intl.formatMessage(
                      { id: 'rotation.history.revealNamed', defaultMessage: 'Reveal old key #{seq}' },
                      { seq: entry.seq },
                    )}
                    title={intl.formatMessage({ id: 'rotation.history.reveal', defaultMessage: 'Reveal' })}
                    onClick={() => void reveal(entry.seq)}
                  >
                    <Icon name="eye" />
                  </button>
                )}
                {entry.revokedAt === null && (
                  <button type="button" className="secondary small" onClick={() => void markRevoked(entry.seq)}>
                    <FormattedMessage id="rotation.history.markRevoked" defaultMessage="Mark revoked" />
                  </button>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={close}>
          <FormattedMessage id="rotation.history.done" defaultMessage="Done" />
        </button>
      </div>
    </Dialog>
  );
}

function Status({ entry }: { entry: HistoryEntry }) {
  const intl = useIntl();
  if (entry.revokedAt) {
    return (
      <span className="chip status-ok">
        <FormattedMessage
          id="rotation.history.revoked"
          defaultMessage="Revoked {day}"
          values={{ day: formatDay(intl, entry.revokedAt.slice(0, 10)) }}
        />
      </span>
    );
  }
  if (entry.revokeBy) {
    return (
      <span className="chip status-soon">
        <FormattedMessage
          id="rotation.history.revokeBy"
          defaultMessage="Revoke by {day}"
          values={{ day: formatDay(intl, entry.revokeBy) }}
        />
      </span>
    );
  }
  return null;
}
