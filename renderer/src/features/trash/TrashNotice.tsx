import { useEffect, useState } from 'react';
import { isKeywardError } from '../../../../contract/errors.ts';
import { TRASH_DAYS } from '../../../../contract/trash.ts';
import { api } from '../../api.ts';
import { Icon } from '../../components/Icon.tsx';
import { useKeys } from '../../stores/keys.ts';
import { useTrashNotice } from '../../stores/trash.ts';

/** How long the Undo stays offered; the Trash view offers the same for 30 days. */
const UNDO_MS = 12_000;

/** "Moved “X” to the trash — Undo", after a delete. */
export function TrashNotice() {
  const notice = useTrashNotice((s) => s.notice);
  const dismiss = useTrashNotice((s) => s.dismiss);
  const reload = useKeys((s) => s.reload);
  // A failed undo, for the notice it belongs to.
  const [failure, setFailure] = useState<{ id: string; text: string } | null>(null);
  const error = failure && notice && failure.id === notice.id ? failure.text : null;

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(dismiss, UNDO_MS);
    return () => clearTimeout(timer);
  }, [notice, dismiss]);

  async function undo() {
    if (!notice) return;
    try {
      await api.trash.restore({ id: notice.id });
      dismiss();
      await reload();
    } catch (caught) {
      setFailure({ id: notice.id, text: isKeywardError(caught) ? caught.message : 'Could not restore the key; it is still in the trash.' });
    }
  }

  return (
    <div className="toast-region trash-notice" role="status" aria-live="polite">
      {notice && (
        <div className={error ? 'toast toast-error' : 'toast'}>
          <Icon name="trash" />
          <span>{error ?? `Moved “${notice.label}” to the trash. It stays there ${TRASH_DAYS} days.`}</span>
          <button type="button" className="link-button" onClick={() => void undo()}>
            Undo
          </button>
          <button type="button" className="link-button" aria-label="Dismiss" onClick={dismiss}>
            <Icon name="close" />
          </button>
        </div>
      )}
    </div>
  );
}
