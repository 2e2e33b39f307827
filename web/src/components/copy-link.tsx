import { useEffect, useId, useRef, useState } from "react";

/**
 * The invite link in a read-only field with a Copy button. The Clipboard API needs a secure context
 * (https or localhost); elsewhere the link is selected so that Ctrl+C / Cmd+C copies it.
 */
type CopyLinkProps = { url: string; label?: string; autoFocus?: boolean };

export function CopyLink({ url, label = "Invite link", autoFocus = false }: CopyLinkProps) {
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState("");

  useEffect(() => {
    // Shown in place of a form that just closed: keep keyboard focus in the dialog, on the link.
    if (autoFocus) inputRef.current?.focus();
  }, [autoFocus]);

  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error("no clipboard");
      await navigator.clipboard.writeText(url);
      setStatus("Copied");
    } catch {
      inputRef.current?.focus();
      inputRef.current?.select();
      setStatus("Selected: press Ctrl+C (or Cmd+C) to copy");
    }
  };

  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      <div className="copy-row">
        <input
          id={inputId}
          ref={inputRef}
          className="input mono"
          value={url}
          readOnly
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" className="button button-primary" onClick={copy}>
          Copy
        </button>
      </div>
      <p className="copy-status" aria-live="polite">
        {status}
      </p>
    </div>
  );
}
