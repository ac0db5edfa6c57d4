import { useEffect } from 'react';
import { api } from '../../api.ts';
import { Icon } from '../../components/Icon.tsx';
import { duration } from '../../lib/time.ts';
import { useCountdown } from '../../lib/use-countdown.ts';
import { useClipboard } from '../../stores/clipboard.ts';

/** "Copied — clears in 30 s", counting down live; then "Clipboard cleared". Never shows the value. */
export function CopyNotice() {
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
            Copied “{notice.label}” —{' '}
            {left === null ? 'stays on the clipboard until Keyward locks' : `clears in ${duration(left)}`}
          </span>
          <button type="button" className="link-button" onClick={() => void api.clipboard.clear()}>
            Clear now
          </button>
        </div>
      )}
      {notice?.state === 'cleared' && (
        <div className="toast">
          <Icon name="lock" />
          <span>Clipboard cleared</span>
        </div>
      )}
      {notice?.state === 'referenced' && (
        <div className="toast">
          <Icon name="link" />
          <span>
            Copied for “{notice.label}”: <code>{notice.text}</code>
          </span>
        </div>
      )}
      {notice?.state === 'failed' && (
        <div className="toast toast-error">
          <Icon name="warning" />
          <span>{notice.message}</span>
          <button type="button" className="link-button" onClick={dismiss}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
