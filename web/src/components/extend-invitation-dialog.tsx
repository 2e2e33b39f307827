import { type FormEvent, useState } from "react";
import { errorMessage } from "../api/client";
import { extendInvitation } from "../api/endpoints";
import type { Invitation } from "../api/types";
import { DEFAULT_EXPIRY_DAYS, MAX_EXPIRY_DAYS, MIN_EXPIRY_DAYS } from "../domain";
import { formatDateTime } from "../lib/format";
import { useOrg } from "../session/org-context";
import { Dialog, DialogFormActions } from "./dialog";
import { TextField } from "./text-field";

const DAY_MS = 24 * 60 * 60 * 1000;

type ExtendProps = { invitation: Invitation; onClose: () => void; onExtended: () => void };

/** Push the expiry out; the link stays the same. Days are added to the expiry, or to now once it passed. */
export function ExtendInvitationDialog({ invitation, onClose, onExtended }: ExtendProps) {
  const { org } = useOrg();
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
        <TextField
          label="Extend by (days)"
          narrow
          type="number"
          required
          min={MIN_EXPIRY_DAYS}
          max={MAX_EXPIRY_DAYS}
          value={days}
          onChange={setDays}
          hint={
            <>
              {preview ? `New expiry: ${formatDateTime(preview)}.` : ""} At most {MAX_EXPIRY_DAYS} days from
              now.
            </>
          }
        />
        <DialogFormActions
          error={error}
          isBusy={isBusy}
          submitLabel="Extend"
          busyLabel="Extending…"
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
