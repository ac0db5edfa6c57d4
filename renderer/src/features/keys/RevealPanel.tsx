import { useEffect, useRef, useState, type ClipboardEvent } from 'react';
import type { KeySummary } from '../../../../contract/keys.ts';
import { isKeywardError } from '../../../../contract/errors.ts';
import { providerLook } from '../../../../contract/provider-look.ts';
import { api } from '../../api.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Icon } from '../../components/Icon.tsx';
import { duration } from '../../lib/time.ts';
import { useCountdown } from '../../lib/use-countdown.ts';
import { copyKey } from './actions.ts';

/** How long a revealed key stays on screen. */
export const REVEAL_MS = 20_000;

/**
 * Copy-once reveal. The plaintext is fetched once (an audited request), kept in this component's
 * own state and nowhere else, and the panel closes after one copy, after REVEAL_MS, when the
 * window loses focus, or when the vault locks (the whole view unmounts). Revealing again is a
 * new request.
 */
export function RevealPanel({ keySummary: key, onClose }: { keySummary: KeySummary; onClose: () => void }) {
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
      (caught: unknown) => live && setError(isKeywardError(caught) ? caught.message : 'Could not reveal the key.'),
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
      title={`${key.label}`}
      className="reveal-panel"
      onClose={onClose}
      description={`${provider} · shown once. It hides after one copy, after ${REVEAL_MS / 1000} seconds, or when you switch away.`}
    >
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : (
        <div className="revealed" onCopy={interceptCopy}>
          <code aria-label="Key">{secret ?? 'Decrypting…'}</code>
        </div>
      )}
      {left !== null && (
        <div className="reveal-timer">
          <div className="timer-bar" aria-hidden="true">
            <span style={{ width: `${(left / REVEAL_MS) * 100}%` }} />
          </div>
          <span className="muted">Hides in {duration(left)}</span>
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={onClose}>
          Hide
        </button>
        <button ref={copyButton} type="button" className="primary" disabled={!secret} onClick={() => void copy()}>
          <Icon name="copy" />
          Copy and hide
        </button>
      </div>
    </Dialog>
  );
}
