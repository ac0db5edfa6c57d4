import { useEffect, useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import { useIntl } from 'react-intl';

interface DialogProps {
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  className?: string;
  /** Shown under the title, and read out as the dialog's description. */
  description?: ReactNode;
  role?: 'dialog' | 'alertdialog';
}

/**
 * A modal on the native <dialog>: the browser makes the rest of the page inert, keeps focus
 * inside and closes on Escape, so the keyboard story is the platform's own. On closing, focus
 * goes back to the control that opened it (the browser would do that too, but React has already
 * taken the dialog out of the page by then, so its restore finds nothing and focus falls to <body>).
 */
export function Dialog({ title, onClose, children, className, description, role = 'dialog' }: DialogProps) {
  const intl = useIntl();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  useLayoutEffect(() => {
    const dialog = ref.current!;
    const opener =
      document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    dialog.showModal();
    // showModal() focuses the first focusable element (the close button); React's autoFocus
    // has already run by then, so dialogs mark their starting field with data-autofocus instead.
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    const cancel = (event: Event) => {
      event.preventDefault();
      onCloseRef.current();
    };
    dialog.addEventListener('cancel', cancel);
    return () => {
      dialog.removeEventListener('cancel', cancel);
      dialog.close();
      // The opener may be gone (a deleted key's row): then the page decides where focus goes.
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`dialog ${className ?? ''}`}
      role={role}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
    >
      <header className="dialog-header">
        <h2 id={titleId}>{title}</h2>
        <button
          type="button"
          className="icon-button"
          aria-label={intl.formatMessage({ id: 'common.dialog.close', defaultMessage: 'Close' })}
          onClick={() => onCloseRef.current()}
        >
          <svg className="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
            <path d="M6 6l12 12 M18 6L6 18" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
          </svg>
        </button>
      </header>
      {description && (
        <p id={descriptionId} className="dialog-description">
          {description}
        </p>
      )}
      {children}
    </dialog>
  );
}
