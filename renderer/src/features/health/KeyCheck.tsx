import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { api } from '../../api.ts';
import { errorText } from '../../lib/error-text.ts';
import { useHealth } from '../../stores/health.ts';
import { useKeys } from '../../stores/keys.ts';
import { checkedWords, checkFacts } from './verdict.ts';

/** Between the row's other facts and the verdict; no-break spaces, as the flex row drops plain ones at its edges. */
const CHECK_SEPARATOR = '\u00a0·\u00a0';

/**
 * A card row's live check: "Checked 3 days ago: valid" and a Check button. Nothing is sent
 * until the button is pressed.
 */
/** `tabbable`: false on every key row but the list's one Tab stop (see keys/row-keys.ts). */
export function KeyCheck({
  keyId,
  label,
  expiresAt,
  tabbable = true,
}: {
  keyId: string;
  label: string;
  expiresAt: string | null;
  tabbable?: boolean;
}) {
  const last = useHealth((s) => s.checks[keyId]);
  const busy = useHealth((s) => s.checking.includes(keyId) || s.checking.includes('*'));
  const check = useHealth((s) => s.check);
  const [error, setError] = useState<string | null>(null);
  const intl = useIntl();

  async function run() {
    try {
      setError(null);
      await check([keyId]);
    } catch (caught) {
      setError(
        errorText(caught, intl.formatMessage({ id: 'health.checkKeyFailed', defaultMessage: 'Could not check the key.' }), intl),
      );
    }
  }

  // The provider's expiry differs from the one set here: offered, never applied without asking.
  const providerExpiry = typeof last?.details.expiresAt === 'string' ? last.details.expiresAt : null;
  const offerExpiry = providerExpiry !== null && expiresAt !== null && providerExpiry !== expiresAt;

  async function applyProviderExpiry() {
    try {
      setError(null);
      await api.keys.update({ id: keyId, expiresAt: providerExpiry });
      await useKeys.getState().reload();
    } catch (caught) {
      setError(
        errorText(
          caught,
          intl.formatMessage({ id: 'health.expiryNotSaved', defaultMessage: 'Could not save the expiry.' }),
          intl,
        ),
      );
    }
  }

  const facts = last ? checkFacts(last, intl) : [];
  return (
    <span className="key-check">
      {last && (
        <span className={`check-verdict verdict-${last.verdict}`} title={facts.join('; ') || undefined}>
          {CHECK_SEPARATOR}
          {checkedWords(last, intl)}
        </span>
      )}
      {offerExpiry && (
        <button type="button" className="link-button" tabIndex={tabbable ? 0 : -1} onClick={() => void applyProviderExpiry()}>
          <FormattedMessage
            id="health.useProviderExpiry"
            defaultMessage="Use the provider’s expiry ({date})"
            values={{ date: providerExpiry }}
          />
        </button>
      )}
      <button
        type="button"
        className="link-button"
        tabIndex={tabbable ? 0 : -1}
        aria-label={intl.formatMessage(
          { id: 'health.checkKeyLabel', defaultMessage: 'Check {label} with its provider' },
          { label },
        )}
        disabled={busy}
        onClick={() => void run()}
      >
        {busy ? (
          <FormattedMessage id="health.checking" defaultMessage="Checking…" />
        ) : (
          <FormattedMessage id="health.checkButton" defaultMessage="Check" />
        )}
      </button>
      {error && (
        <span role="alert" className="error small">
          {error}
        </span>
      )}
    </span>
  );
}
