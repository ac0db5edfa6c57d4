import { useEffect, useId, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { isKeywardError } from '../../../../contract/errors.ts';
import type { KeySummary } from '../../../../contract/keys.ts';
import { providerLook } from '../../../../contract/provider-look.ts';
import { getProvider } from '../../../../contract/providers.ts';
import { api } from '../../api.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Icon } from '../../components/Icon.tsx';
import { getIntl } from '../../i18n/current.ts';
import { useKeys } from '../../stores/keys.ts';
import { useUi } from '../../stores/ui.ts';
import { environmentShort, formatDay } from '../keys/format.ts';
import { errorText, issueText } from '../../lib/error-text.ts';

/** How long the old key may stay valid at the provider, in days; "" means it is revoked now. */
const graceChoices = ['', '1', '7', '30'] as const;

/**
 * Rotate a key: open the provider's console (main opens the catalog's page, never a URL from
 * here), paste the new key, and say how long the old one stays valid. Main stores the new key,
 * moves the old one into the key's encrypted history and sets last-rotated, in one step. The
 * pasted key lives in this form's state only, and is dropped when it closes.
 */
export function RotateDialog({ id }: { id: string }) {
  const intl = useIntl();
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
      (caught: unknown) =>
        live &&
        setError(
          errorText(caught, getIntl().formatMessage({ id: 'rotation.error.load', defaultMessage: 'Could not load the key.' })),
        ),
    );
    return () => {
      live = false;
    };
  }, [id]);

  async function openConsole() {
    try {
      const { url, opened } = await api.keys.openConsole({ id });
      setConsoleNote(
        opened
          ? intl.formatMessage({ id: 'rotation.console.opened', defaultMessage: 'Opened {url} in your browser.' }, { url })
          : intl.formatMessage({ id: 'rotation.console.open', defaultMessage: 'Open {url} in your browser.' }, { url }),
      );
    } catch (caught) {
      setConsoleNote(
        errorText(
          caught,
          intl.formatMessage({ id: 'rotation.error.console', defaultMessage: 'Could not open the console.' }),
          intl,
        ),
      );
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setSecretError(null);
    if (!secret.trim()) {
      return setSecretError(intl.formatMessage({ id: 'rotation.error.noSecret', defaultMessage: 'Paste the new key.' }));
    }
    setBusy(true);
    try {
      await api.keys.rotate({ id, secret, keepOldForDays: grace ? Number(grace) : null, expiresAt: expiresAt || null });
      setSecret('');
      close();
      await reload();
    } catch (caught) {
      const issue = isKeywardError(caught) ? caught.issues?.find((i) => i.path === 'secret') : undefined;
      if (issue) setSecretError(issueText(issue, intl));
      else
        setError(
          errorText(
            caught,
            intl.formatMessage({ id: 'rotation.error.rotate', defaultMessage: 'Could not rotate the key.' }),
            intl,
          ),
        );
    } finally {
      setBusy(false);
    }
  }

  const provider = key ? providerLook(key.provider).name : '';
  const hasConsole = key ? Boolean(getProvider(key.provider)) : false;
  return (
    <Dialog
      title={
        key
          ? intl.formatMessage({ id: 'rotation.title', defaultMessage: 'Rotate “{label}”' }, { label: key.label })
          : intl.formatMessage({ id: 'rotation.titleLoading', defaultMessage: 'Rotate key' })
      }
      className="rotate-dialog"
      onClose={close}
      description={
        key
          ? intl.formatMessage(
              {
                id: 'rotation.description',
                defaultMessage:
                  '{provider} · {environment} · now {masked} · {rotated, select, never {never rotated} other {last rotated {day}}}',
              },
              {
                provider,
                environment: environmentShort(intl, key.environment),
                masked: key.masked,
                rotated: key.lastRotatedAt ? 'yes' : 'never',
                day: key.lastRotatedAt ? formatDay(intl, key.lastRotatedAt.slice(0, 10)) : '',
              },
            )
          : undefined
      }
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <ol className="steps">
          <li>
            <p>
              {provider ? (
                <FormattedMessage
                  id="rotation.step.create"
                  defaultMessage="Create a new key at {provider}."
                  values={{ provider }}
                />
              ) : (
                <FormattedMessage id="rotation.step.createUnknown" defaultMessage="Create a new key at the provider." />
              )}
            </p>
            {hasConsole ? (
              <button type="button" className="secondary small" onClick={() => void openConsole()}>
                <Icon name="external" />
                <FormattedMessage
                  id="rotation.console.button"
                  defaultMessage="Open the {provider} console"
                  values={{ provider }}
                />
              </button>
            ) : (
              <p className="muted small">
                <FormattedMessage
                  id="rotation.console.unknown"
                  defaultMessage="Keyward knows no console page for this provider: open it yourself."
                />
              </p>
            )}
            {consoleNote && (
              <p className="muted small" role="status">
                {consoleNote}
              </p>
            )}
          </li>
          <li>
            <div className="field">
              <label htmlFor={secretId}>
                <FormattedMessage id="rotation.newKey" defaultMessage="New key" />
              </label>
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
                {secretError ?? (
                  <FormattedMessage
                    id="rotation.newKeyHint"
                    defaultMessage="The current key moves into this key’s history, encrypted, with today’s date."
                  />
                )}
              </p>
            </div>
            <div className="field-row">
              <div className="field">
                <label htmlFor={expiresId}>
                  <FormattedMessage id="rotation.expiresOn" defaultMessage="New key expires on" />
                </label>
                <input
                  id={expiresId}
                  type="date"
                  aria-describedby={`${expiresId}-hint`}
                  value={expiresAt}
                  onChange={(e) => setExpiresAt(e.target.value)}
                />
                <p id={`${expiresId}-hint`} className="field-hint">
                  {key?.expiresAt ? (
                    <FormattedMessage
                      id="rotation.expiresHintCurrent"
                      defaultMessage="Empty: it does not expire. The current key expires {day}."
                      values={{ day: formatDay(intl, key.expiresAt) }}
                    />
                  ) : (
                    <FormattedMessage id="rotation.expiresHint" defaultMessage="Empty: it does not expire." />
                  )}
                </p>
              </div>
              <div className="field">
                <label htmlFor={graceId}>
                  <FormattedMessage id="rotation.grace" defaultMessage="Keep the old key working?" />
                </label>
                <select
                  id={graceId}
                  aria-describedby={`${graceId}-hint`}
                  value={grace}
                  onChange={(e) => setGrace(e.target.value)}
                >
                  {graceChoices.map((choice) => (
                    <option key={choice} value={choice}>
                      {choice === ''
                        ? intl.formatMessage({ id: 'rotation.grace.none', defaultMessage: 'No: I revoke it now' })
                        : intl.formatMessage(
                            { id: 'rotation.grace.days', defaultMessage: '{days, plural, one {For # day} other {For # days}}' },
                            { days: Number(choice) },
                          )}
                    </option>
                  ))}
                </select>
                <p id={`${graceId}-hint`} className="field-hint">
                  {provider ? (
                    <FormattedMessage
                      id="rotation.graceHint"
                      defaultMessage="Keyward reminds you to revoke it at {provider} when the time is up."
                      values={{ provider }}
                    />
                  ) : (
                    <FormattedMessage
                      id="rotation.graceHintUnknown"
                      defaultMessage="Keyward reminds you to revoke it at the provider when the time is up."
                    />
                  )}
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
              <FormattedMessage id="rotation.history" defaultMessage="Old keys" />
            </button>
          )}
          <button type="button" className="secondary" onClick={close}>
            <FormattedMessage id="rotation.cancel" defaultMessage="Cancel" />
          </button>
          <button type="submit" className="primary" disabled={busy || !key}>
            {busy ? (
              <FormattedMessage id="rotation.rotating" defaultMessage="Rotating…" />
            ) : (
              <FormattedMessage id="rotation.submit" defaultMessage="Rotate key" />
            )}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
