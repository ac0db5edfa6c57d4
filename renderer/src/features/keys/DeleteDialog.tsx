import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { providerLook } from '../../../../contract/provider-look.ts';
import { api } from '../../api.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { TRASH_DAYS } from '../../../../contract/trash.ts';
import { useKeys } from '../../stores/keys.ts';
import { useTrashNotice } from '../../stores/trash.ts';
import { useUi } from '../../stores/ui.ts';
import { errorText } from '../../lib/error-text.ts';

export function DeleteDialog({ id }: { id: string }) {
  const intl = useIntl();
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
      setError(
        errorText(
          caught,
          intl.formatMessage({ id: 'keys.delete.failed', defaultMessage: 'Could not move the key to the trash.' }),
          intl,
        ),
      );
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={intl.formatMessage({ id: 'keys.delete.title', defaultMessage: 'Delete “{label}”?' }, { label: key.label })}
      role="alertdialog"
      onClose={close}
      description={intl.formatMessage(
        {
          id: 'keys.delete.description',
          defaultMessage:
            'The {provider} key “{label}” ({masked}) moves to the trash with its history, and is deleted for good after {days, plural, one {# day} other {# days}}. Until then, restore it from Trash. Revoke it at the provider too if it is no longer needed.',
        },
        { provider: providerLook(key.provider).name, label: key.label, masked: key.masked, days: TRASH_DAYS },
      )}
    >
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="secondary" data-autofocus onClick={close}>
          <FormattedMessage id="keys.delete.cancel" defaultMessage="Cancel" />
        </button>
        <button type="button" className="danger-button" disabled={busy} onClick={() => void remove()}>
          <FormattedMessage id="keys.delete.confirm" defaultMessage="Move to trash" />
        </button>
      </div>
    </Dialog>
  );
}
