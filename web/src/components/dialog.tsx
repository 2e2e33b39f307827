import { type ReactNode, useEffect, useId, useRef } from "react";
import { ErrorText } from "./error-text";

type DialogProps = {
  title: string;
  description?: ReactNode;
  onClose: () => void;
  children: ReactNode;
  /** "wide" for forms with several fields. */
  size?: "normal" | "wide";
};

/**
 * A modal on the native <dialog>: showModal() makes the rest of the page inert (focus stays inside)
 * and Escape closes it. Mount it to open it and unmount it to close it; focus goes to the first field
 * (or the heading) and back to the element that opened it.
 */
export function Dialog({ title, description, onClose, children, size = "normal" }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const first = dialog.querySelector<HTMLElement>(
      "[data-autofocus], input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea",
    );
    (first ?? dialog.querySelector<HTMLElement>("h2"))?.focus();
    const handleClose = () => onCloseRef.current();
    dialog.addEventListener("close", handleClose);
    return () => {
      dialog.removeEventListener("close", handleClose);
      if (dialog.open) dialog.close();
      // The opener may be gone (a row that was removed); then focus falls back to the page.
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`dialog dialog-${size}`}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
    >
      <div className="dialog-header">
        <h2 id={titleId} tabIndex={-1}>
          {title}
        </h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={() => onCloseRef.current()}>
          ×
        </button>
      </div>
      {description && (
        <div id={descriptionId} className="dialog-description">
          {description}
        </div>
      )}
      {children}
    </dialog>
  );
}

type DialogFormActionsProps = {
  error: string | null;
  isBusy: boolean;
  submitLabel: string;
  /** Shown on the submit button while the request runs. */
  busyLabel: string;
  onCancel: () => void;
};

/** The end of a dialog's form: the server's error, then Cancel and the submit button. */
export function DialogFormActions({
  error,
  isBusy,
  submitLabel,
  busyLabel,
  onCancel,
}: DialogFormActionsProps) {
  return (
    <>
      <ErrorText message={error} />
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={isBusy}>
          {isBusy ? busyLabel : submitLabel}
        </button>
      </div>
    </>
  );
}
