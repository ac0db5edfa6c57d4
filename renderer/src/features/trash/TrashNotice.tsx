import { useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { TRASH_DAYS } from '../../../../contract/trash.ts';
import { api } from '../../api.ts';
import { Icon } from '../../components/Icon.tsx';
import { errorText } from '../../lib/error-text.ts';
import { useKeys } from '../../stores/keys.ts';
import { useTrashNotice } from '../../stores/trash.ts';

/** How long the Undo stays offered once the pointer and focus are elsewhere; the Trash view offers the same for 30 days. */
const UNDO_MS = 12_000;

/** "Moved “X” to the trash — Undo", after a delete. */
export function TrashNotice() {
  const notice = useTrashNotice((s) => s.notice);
  return (
    <div className="toast-region trash-notice" role="status" aria-live="polite">
      {/* One toast per deleted key: its state (held, failed) starts afresh with each. */}
      {notice && <UndoToast key={notice.id} id={notice.id} label={notice.label} />}
    </div>
  );
}

function UndoToast({ id, label }: { id: string; label: string }) {
  const intl = useIntl();
  const dismiss = useTrashNotice((s) => s.dismiss);
  const reload = useKeys((s) => s.reload);
  const [error, setError] = useState<string | null>(null);
  // While the pointer is on the notice or focus is in it, it stays (time enough to reach Undo by keyboard).
  const [held, setHeld] = useState({ pointer: false, focus: false });
  const paused = held.pointer || held.focus;

  useEffect(() => {
    if (paused) return;
    const timer = setTimeout(dismiss, UNDO_MS);
    return () => clearTimeout(timer);
  }, [dismiss, paused]);

  async function undo() {
    try {
      await api.trash.restore({ id });
      dismiss();
      await reload();
    } catch (caught) {
      setError(
        errorText(
          caught,
          intl.formatMessage({
            id: 'trash.notice.undoFailed',
            defaultMessage: 'Could not restore the key; it is still in the trash.',
          }),
          intl,
        ),
      );
    }
  }

  return (
    <div
      className={error ? 'toast toast-error' : 'toast'}
      onMouseEnter={() => setHeld((h) => ({ ...h, pointer: true }))}
      onMouseLeave={() => setHeld((h) => ({ ...h, pointer: false }))}
      onFocus={() => setHeld((h) => ({ ...h, focus: true }))}
      onBlur={() => setHeld((h) => ({ ...h, focus: false }))}
    >
      <Icon name="trash" />
      <span>
        {error ?? (
          <FormattedMessage
            id="trash.notice.moved"
            defaultMessage="Moved “{label}” to the trash. It stays there {days, plural, one {# day} other {# days}}."
            values={{ label, days: TRASH_DAYS }}
          />
        )}
      </span>
      <button type="button" className="link-button" onClick={() => void undo()}>
        <FormattedMessage id="trash.notice.undo" defaultMessage="Undo" />
      </button>
      <button
        type="button"
        className="link-button"
        aria-label={intl.formatMessage({ id: 'trash.notice.dismiss', defaultMessage: 'Dismiss' })}
        onClick={dismiss}
      >
        <Icon name="close" />
      </button>
    </div>
  );
}
