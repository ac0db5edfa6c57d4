import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { isKeywardError } from '../../../../contract/errors.ts';
import { api } from '../../api.ts';
import { Icon } from '../../components/Icon.tsx';
import { productName } from '../../lib/product.ts';
import { errorText } from '../../lib/error-text.ts';
import { duration } from '../../lib/time.ts';
import { useCountdown } from '../../lib/use-countdown.ts';
import { useSession } from '../../stores/session.ts';
import { PasswordField } from './PasswordField.tsx';
import { Recover } from './Recover.tsx';

export function Unlock() {
  const intl = useIntl();
  const status = useSession((s) => s.status);
  const setStatus = useSession((s) => s.setStatus);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The last unlock found the vault damaged: offer to recover it from a backup.
  const [damaged, setDamaged] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  // When the next attempt is accepted (epoch ms), from the status or a Throttled answer.
  const [retryAt, setRetryAt] = useState<number | null>(() => (status?.retryAfterMs ? Date.now() + status.retryAfterMs : null));
  const wait = useCountdown(retryAt);
  const waiting = wait !== null && wait > 0;
  const input = useRef<HTMLInputElement>(null);
  const failed = status?.failedAttempts ?? 0;

  // After a wrong password the typed value stays, selected, so a slip is fixed and a retype replaces it.
  useEffect(() => {
    if (busy || waiting) return;
    input.current?.focus();
    input.current?.select();
  }, [busy, waiting]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!password || waiting || busy) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      setStatus(await api.vault.unlock({ password }));
    } catch (caught) {
      setDamaged(isKeywardError(caught) && caught.code === 'VaultDamaged');
      if (isKeywardError(caught) && caught.code === 'Throttled') {
        setRetryAt(Date.now() + (caught.retryAfterMs ?? 0));
        setError(intl.formatMessage({ id: 'vault.unlock.throttled', defaultMessage: 'Too many wrong passwords.' }));
      } else {
        setError(
          errorText(
            caught,
            intl.formatMessage({ id: 'vault.unlock.failed', defaultMessage: 'Could not unlock the vault.' }),
            intl,
          ),
        );
      }
      // The counter and the delay live in main; ask again so both are shown as they are now.
      const next = await api.vault.status();
      setStatus(next);
      if (next.retryAfterMs > 0) setRetryAt(Date.now() + next.retryAfterMs);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="gate">
      <form className="gate-card" onSubmit={(event) => void submit(event)} aria-labelledby="unlock-title">
        <div className="brand" aria-hidden="true">
          <Icon name="lock" />
          {productName}
        </div>
        <h1 id="unlock-title">
          <FormattedMessage id="vault.unlock.title" defaultMessage="Keyward is locked" />
        </h1>
        <p className="muted">
          <FormattedMessage id="vault.unlock.intro" defaultMessage="Enter your master password to open your vault." />
        </p>
        <PasswordField
          label={intl.formatMessage({ id: 'vault.masterPassword', defaultMessage: 'Master password' })}
          inputRef={input}
          autoFocus
          autoComplete="current-password"
          invalid={error !== null}
          describedBy="unlock-message"
          value={password}
          disabled={busy}
          onChange={setPassword}
        />
        <div id="unlock-message" aria-live="polite">
          {notice && <p className="notice">{notice}</p>}
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
          {failed > 0 && (
            <p className="muted">
              <FormattedMessage
                id="vault.unlock.failedAttempts"
                defaultMessage="{failed, plural, one {# wrong attempt} other {# wrong attempts}} since the last unlock."
                values={{ failed }}
              />
            </p>
          )}
          {waiting && (
            <p className="throttle">
              <FormattedMessage
                id="vault.unlock.wait"
                defaultMessage="Wait {wait} before the next try. Each wrong password after the third doubles the wait, up to 5 minutes."
                values={{ wait: duration(wait, intl) }}
              />
            </p>
          )}
        </div>
        <button type="submit" className="primary" disabled={busy || waiting || password.length === 0}>
          {busy ? (
            <FormattedMessage id="vault.unlock.busy" defaultMessage="Unlocking…" />
          ) : waiting ? (
            <FormattedMessage
              id="vault.unlock.retryIn"
              defaultMessage="Try again in {wait}"
              values={{ wait: duration(wait, intl) }}
            />
          ) : (
            <FormattedMessage id="vault.unlock.submit" defaultMessage="Unlock" />
          )}
        </button>
      </form>
      {damaged && (
        <Recover
          onRecovered={(message) => {
            setDamaged(false);
            setError(null);
            setNotice(message);
            input.current?.focus();
          }}
        />
      )}
    </main>
  );
}
