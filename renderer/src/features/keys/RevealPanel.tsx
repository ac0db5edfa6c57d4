import { useEffect, useRef, useState, type ClipboardEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { KeySummary } from '../../../../contract/keys.ts';
import { providerLook } from '../../../../contract/provider-look.ts';
import { api } from '../../api.ts';
import { getIntl } from '../../i18n/current.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Icon } from '../../components/Icon.tsx';
import { duration } from '../../lib/time.ts';
import { useCountdown } from '../../lib/use-countdown.ts';
import { copyKey } from './actions.ts';
import { errorText } from '../../lib/error-text.ts';

/** How long a revealed key stays on screen. */
export const REVEAL_MS = 20_000;

/**
 * Copy-once reveal. The plaintext is fetched once (an audited request), kept in this component's
 * own state and nowhere else, and the panel closes after one copy, after REVEAL_MS, when the
 * window loses focus, or when the vault locks (the whole view unmounts). Revealing again is a
 * new request.
 */
export function RevealPanel({ keySummary: key, onClose }: { keySummary: KeySummary; onClose: () => void }) {
  const intl = useIntl();
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [deadline, setDeadline] = useState<number | null>(null);
  const left = useCountdown(deadline);
  const copyButton = useRef<HTMLButtonElement>(null);

  // Once the key is on screen, Enter copies it.
  useEffect(() => {
    if (secret) copyButton.current?.focus();
  }, [secret]);

  useEffect(() => {
    let live = true;
    api.keys.reveal({ id: key.id }).then(
      (result) => {
        if (!live) return;
        setSecret(result.secret);
        setDeadline(Date.now() + REVEAL_MS);
      },
      (caught: unknown) =>
        live &&
        setError(
          errorText(caught, getIntl().formatMessage({ id: 'keys.error.reveal', defaultMessage: 'Could not reveal the key.' })),
        ),
    );
    return () => {
      live = false;
      setSecret(null);
    };
  }, [key.id]);

  useEffect(() => {
    window.addEventListener('blur', onClose);
    return () => window.removeEventListener('blur', onClose);
  }, [onClose]);

  useEffect(() => {
    if (left === 0) onClose();
  }, [left, onClose]);

  async function copy() {
    if (await copyKey(key.id)) onClose();
  }

  // Ctrl+C inside the panel goes through main too, so the copy is marked and cleared like any other.
  function interceptCopy(event: ClipboardEvent) {
    event.preventDefault();
    void copy();
  }

  const provider = providerLook(key.provider).name;
  return (
    <Dialog
      title={key.label}
      className="reveal-panel"
      onClose={onClose}
      description={intl.formatMessage(
        {
          id: 'keys.reveal.description',
          defaultMessage: '{provider} · shown once. It hides after one copy, after {seconds} seconds, or when you switch away.',
        },
        { provider, seconds: REVEAL_MS / 1000 },
      )}
    >
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : (
        <div className="revealed" onCopy={interceptCopy}>
          <code aria-label={intl.formatMessage({ id: 'keys.reveal.key', defaultMessage: 'Key' })}>
            {secret ?? <FormattedMessage id="keys.reveal.decrypting" defaultMessage="Decrypting…" />}
          </code>
        </div>
      )}
      {left !== null && (
        <div className="reveal-timer">
          <div className="timer-bar" aria-hidden="true">
            <span style={{ width: `${(left / REVEAL_MS) * 100}%` }} />
          </div>
          <span className="muted">
            <FormattedMessage id="keys.reveal.hidesIn" defaultMessage="Hides in {time}" values={{ time: duration(left, intl) }} />
          </span>
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={onClose}>
          <FormattedMessage id="keys.reveal.hide" defaultMessage="Hide" />
        </button>
        <button ref={copyButton} type="button" className="primary" disabled={!secret} onClick={() => void copy()}>
          <Icon name="copy" />
          <FormattedMessage id="keys.reveal.copyAndHide" defaultMessage="Copy and hide" />
        </button>
      </div>
    </Dialog>
  );
}
