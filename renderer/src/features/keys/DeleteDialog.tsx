import { useState } from 'react';
import { isKeywardError } from '../../../../contract/errors.ts';
import { providerLook } from '../../../../contract/provider-look.ts';
import { api } from '../../api.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { TRASH_DAYS } from '../../../../contract/trash.ts';
import { useKeys } from '../../stores/keys.ts';
import { useTrashNotice } from '../../stores/trash.ts';
import { useUi } from '../../stores/ui.ts';

export function DeleteDialog({ id }: { id: string }) {
  const key = useKeys((s) => s.keys.find((k) => k.id === id));
  const close = useUi((s) => s.close);
  const reload = useKeys((s) => s.reload);
  const showTrashNotice = useTrashNotice((s) => s.show);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!key) return null;

  async function remove() {
    setBusy(true);
    try {
      await api.keys.remove({ id });
      close();
      showTrashNotice({ id, label: key!.label });
      await reload();
    } catch (caught) {
      setError(isKeywardError(caught) ? caught.message : 'Could not move the key to the trash.');
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={`Delete “${key.label}”?`}
      role="alertdialog"
      onClose={close}
      description={`The ${providerLook(key.provider).name} key “${key.label}” (${key.masked}) moves to the trash with its history, and is deleted for good after ${TRASH_DAYS} days. Until then, restore it from Trash. Revoke it at the provider too if it is no longer needed.`}
    >
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="secondary" data-autofocus onClick={close}>
          Cancel
        </button>
        <button type="button" className="danger-button" disabled={busy} onClick={() => void remove()}>
          Move to trash
        </button>
      </div>
    </Dialog>
  );
}
