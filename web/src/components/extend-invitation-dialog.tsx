import { type FormEvent, useId, useState } from "react";
import { errorMessage } from "../api/client";
import { extendInvitation } from "../api/endpoints";
import type { Invitation } from "../api/types";
import { DEFAULT_EXPIRY_DAYS, MAX_EXPIRY_DAYS, MIN_EXPIRY_DAYS } from "../domain";
import { formatDateTime } from "../lib/format";
import { useOrg } from "../session/org-context";
import { Dialog } from "./dialog";
import { ErrorText } from "./error-text";

const DAY_MS = 24 * 60 * 60 * 1000;

type ExtendProps = { invitation: Invitation; onClose: () => void; onExtended: () => void };

/** Push the expiry out; the link stays the same. Days are added to the expiry, or to now once it passed. */
export function ExtendInvitationDialog({ invitation, onClose, onExtended }: ExtendProps) {
  const { org } = useOrg();
  const daysId = useId();
  const [days, setDays] = useState(String(DEFAULT_EXPIRY_DAYS));
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const count = Number(days);
  const base = Math.max(Date.parse(invitation.expiresAt), Date.now());
  const preview = Number.isInteger(count) && count > 0 ? new Date(base + count * DAY_MS).toISOString() : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await extendInvitation(org.id, invitation.id, count);
      onExtended();
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Extend invitation"
      description={
        <p>
          The invitation for {invitation.email} {invitation.status === "expired" ? "expired" : "expires"} on{" "}
          {formatDateTime(invitation.expiresAt)}. The link stays the same.
        </p>
      }
      onClose={onClose}
    >
      <form className="form dialog-body" onSubmit={submit}>
        <div className="field field-narrow">
          <label htmlFor={daysId}>Extend by (days)</label>
          <input
            id={daysId}
            className="input"
            type="number"
            required
            min={MIN_EXPIRY_DAYS}
            max={MAX_EXPIRY_DAYS}
            value={days}
            onChange={(event) => setDays(event.target.value)}
            aria-describedby={`${daysId}-hint`}
          />
          <p className="hint" id={`${daysId}-hint`}>
            {preview ? `New expiry: ${formatDateTime(preview)}.` : ""} At most {MAX_EXPIRY_DAYS} days from
            now.
          </p>
        </div>
        <ErrorText message={error} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={isBusy}>
            {isBusy ? "Extending…" : "Extend"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
