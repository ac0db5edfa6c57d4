import { useEffect } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { api } from '../../api.ts';
import { Icon } from '../../components/Icon.tsx';
import { duration } from '../../lib/time.ts';
import { useCountdown } from '../../lib/use-countdown.ts';
import { useClipboard } from '../../stores/clipboard.ts';

/** "Copied — clears in 30 s", counting down live; then "Clipboard cleared". Never shows the value. */
export function CopyNotice() {
  const intl = useIntl();
  const notice = useClipboard((s) => s.notice);
  const dismiss = useClipboard((s) => s.dismiss);
  const left = useCountdown(
    notice?.state === 'copied' ? notice.clearsAtMs : null,
    notice?.state === 'copied' ? notice.copiedAtMs : 0,
  );

  // Cleared and failed notices go away on their own after a few seconds.
  useEffect(() => {
    if (!notice || notice.state === 'copied') return;
    const timer = setTimeout(dismiss, notice.state === 'failed' ? 6000 : 3000);
    return () => clearTimeout(timer);
  }, [notice, dismiss]);

  return (
    <div className="toast-region" role="status" aria-live="polite">
      {notice?.state === 'copied' && (
        <div className="toast">
          <Icon name="copy" />
          <span>
            {left === null ? (
              <FormattedMessage
                id="clipboard.copiedUntilLock"
                defaultMessage="Copied “{label}” — stays on the clipboard until Keyward locks"
                values={{ label: notice.label }}
              />
            ) : (
              <FormattedMessage
                id="clipboard.copied"
                defaultMessage="Copied “{label}” — clears in {wait}"
                values={{ label: notice.label, wait: duration(left, intl) }}
              />
            )}
          </span>
          <button type="button" className="link-button" onClick={() => void api.clipboard.clear()}>
            <FormattedMessage id="clipboard.clearNow" defaultMessage="Clear now" />
          </button>
        </div>
      )}
      {notice?.state === 'cleared' && (
        <div className="toast">
          <Icon name="lock" />
          <span>
            <FormattedMessage id="clipboard.cleared" defaultMessage="Clipboard cleared" />
          </span>
        </div>
      )}
      {notice?.state === 'referenced' && (
        <div className="toast">
          <Icon name="link" />
          <span>
            <FormattedMessage
              id="clipboard.referenced"
              defaultMessage="Copied for “{label}”: <code>{text}</code>"
              values={{ label: notice.label, text: notice.text, code: (chunks) => <code>{chunks}</code> }}
            />
          </span>
        </div>
      )}
      {notice?.state === 'failed' && (
        <div className="toast toast-error">
          <Icon name="warning" />
          <span>{notice.message}</span>
          <button type="button" className="link-button" onClick={dismiss}>
            <FormattedMessage id="clipboard.dismiss" defaultMessage="Dismiss" />
          </button>
        </div>
      )}
    </div>
  );
}
