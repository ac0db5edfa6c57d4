import { useEffect, useId, useState, type FormEvent } from 'react';
import { isKeywardError } from '../../../../contract/errors.ts';
import type { KeySummary } from '../../../../contract/keys.ts';
import { providerLook } from '../../../../contract/provider-look.ts';
import { getProvider } from '../../../../contract/providers.ts';
import { api } from '../../api.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Icon } from '../../components/Icon.tsx';
import { useKeys } from '../../stores/keys.ts';
import { useUi } from '../../stores/ui.ts';
import { formatDay } from '../reminders/NeedsAttention.tsx';

/** How long the old key may stay valid at the provider; "" means it is revoked now. */
const graceChoices = [
  { value: '', label: 'No: I revoke it now' },
  { value: '1', label: 'For 1 day' },
  { value: '7', label: 'For 7 days' },
  { value: '30', label: 'For 30 days' },
] as const;

/**
 * Rotate a key: open the provider's console (main opens the catalog's page, never a URL from
 * here), paste the new key, and say how long the old one stays valid. Main stores the new key,
 * moves the old one into the key's encrypted history and sets last-rotated, in one step. The
 * pasted key lives in this form's state only, and is dropped when it closes.
 */
export function RotateDialog({ id }: { id: string }) {
  const close = useUi((s) => s.close);
  const open = useUi((s) => s.open);
  const reload = useKeys((s) => s.reload);
  const [key, setKey] = useState<KeySummary | null>(null);
  const [secret, setSecret] = useState('');
  const [expiresAt, setExpiresAt] = useState('');
  const [grace, setGrace] = useState<string>('7');
  const [consoleNote, setConsoleNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [secretError, setSecretError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const secretId = useId();
  const expiresId = useId();
  const graceId = useId();

  useEffect(() => {
    let live = true;
    api.keys.get({ id }).then(
      (found) => live && setKey(found),
      (caught: unknown) => live && setError(isKeywardError(caught) ? caught.message : 'Could not load the key.'),
    );
    return () => {
      live = false;
    };
  }, [id]);

  async function openConsole() {
    try {
      const { url, opened } = await api.keys.openConsole({ id });
      setConsoleNote(opened ? `Opened ${url} in your browser.` : `Open ${url} in your browser.`);
    } catch (caught) {
      setConsoleNote(isKeywardError(caught) ? caught.message : 'Could not open the console.');
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setSecretError(null);
    if (!secret.trim()) return setSecretError('Paste the new key.');
    setBusy(true);
    try {
      await api.keys.rotate({ id, secret, keepOldForDays: grace ? Number(grace) : null, expiresAt: expiresAt || null });
      setSecret('');
      close();
      await reload();
    } catch (caught) {
      const issue = isKeywardError(caught) ? caught.issues?.find((i) => i.path === 'secret') : undefined;
      if (issue) setSecretError(issue.message);
      else setError(isKeywardError(caught) ? caught.message : 'Could not rotate the key.');
    } finally {
      setBusy(false);
    }
  }

  const provider = key ? providerLook(key.provider).name : '';
  const hasConsole = key ? Boolean(getProvider(key.provider)) : false;
  return (
    <Dialog
      title={key ? `Rotate “${key.label}”` : 'Rotate key'}
      className="rotate-dialog"
      onClose={close}
      description={
        key
          ? `${provider} · ${key.environment} · now ${key.masked} · ${key.lastRotatedAt ? `last rotated ${formatDay(key.lastRotatedAt.slice(0, 10))}` : 'never rotated'}`
          : undefined
      }
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <ol className="steps">
          <li>
            <p>Create a new key at {provider || 'the provider'}.</p>
            {hasConsole ? (
              <button type="button" className="secondary small" onClick={() => void openConsole()}>
                <Icon name="external" />
                Open the {provider} console
              </button>
            ) : (
              <p className="muted small">Keyward knows no console page for this provider: open it yourself.</p>
            )}
            {consoleNote && (
              <p className="muted small" role="status">
                {consoleNote}
              </p>
            )}
          </li>
          <li>
            <div className="field">
              <label htmlFor={secretId}>New key</label>
              <input
                id={secretId}
                type="password"
                data-autofocus
                autoComplete="off"
                spellCheck={false}
                className="mono"
                aria-invalid={Boolean(secretError)}
                aria-describedby={`${secretId}-message`}
                value={secret}
                onChange={(e) => setSecret(e.target.value)}
              />
              <p id={`${secretId}-message`} className={secretError ? 'field-error' : 'field-hint'}>
                {secretError ?? 'The current key moves into this key’s history, encrypted, with today’s date.'}
              </p>
            </div>
            <div className="field-row">
              <div className="field">
                <label htmlFor={expiresId}>New key expires on</label>
                <input
                  id={expiresId}
                  type="date"
                  aria-describedby={`${expiresId}-hint`}
                  value={expiresAt}
                  onChange={(e) => setExpiresAt(e.target.value)}
                />
                <p id={`${expiresId}-hint`} className="field-hint">
                  Empty: it does not expire.{key?.expiresAt ? ` The current key expires ${formatDay(key.expiresAt)}.` : ''}
                </p>
              </div>
              <div className="field">
                <label htmlFor={graceId}>Keep the old key working?</label>
                <select
                  id={graceId}
                  aria-describedby={`${graceId}-hint`}
                  value={grace}
                  onChange={(e) => setGrace(e.target.value)}
                >
                  {graceChoices.map((choice) => (
                    <option key={choice.value} value={choice.value}>
                      {choice.label}
                    </option>
                  ))}
                </select>
                <p id={`${graceId}-hint`} className="field-hint">
                  Keyward reminds you to revoke it at {provider || 'the provider'} when the time is up.
                </p>
              </div>
            </div>
          </li>
        </ol>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          {key?.lastRotatedAt && (
            <button type="button" className="link-button push-left" onClick={() => open({ kind: 'history', id })}>
              Old keys
            </button>
          )}
          <button type="button" className="secondary" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || !key}>
            {busy ? 'Rotating…' : 'Rotate key'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
