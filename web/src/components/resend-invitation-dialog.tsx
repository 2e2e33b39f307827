import { useState } from "react";
import { errorMessage } from "../api/client";
import { resendInvitation } from "../api/endpoints";
import type { Invitation, InvitationWithLink } from "../api/types";
import { daysUntil, plural } from "../lib/format";
import { useOrg } from "../session/org-context";
import { CopyLink } from "./copy-link";
import { Dialog } from "./dialog";
import { ErrorText } from "./error-text";

type ResendProps = { invitation: Invitation; onClose: () => void; onResent: () => void };

/** A fresh link with a fresh expiry; the old link stops working, so confirm first and then show the new one. */
export function ResendInvitationDialog({ invitation, onClose, onResent }: ResendProps) {
  const { org } = useOrg();
  const [result, setResult] = useState<InvitationWithLink | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const resend = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await resendInvitation(org.id, invitation.id));
      onResent();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="Resend invitation" onClose={onClose}>
      <div className="dialog-body">
        {result ? (
          <>
            <p className="success-text">
              A fresh link for <strong>{invitation.email}</strong> is ready: the old link stops working.
            </p>
            <CopyLink url={result.inviteUrl} autoFocus />
            <p>The link is good for {plural(daysUntil(result.invitation.expiresAt), "day")}.</p>
          </>
        ) : (
          <p>
            Create a fresh link for <strong>{invitation.email}</strong> with a fresh expiry? The old link
            stops working.
          </p>
        )}
        <ErrorText message={error} />
        <div className="dialog-actions">
          {result ? (
            <button type="button" className="button button-primary" onClick={onClose}>
              Done
            </button>
          ) : (
            <>
              <button type="button" className="button" onClick={onClose}>
                Cancel
              </button>
              <button type="button" className="button button-primary" onClick={resend} disabled={isBusy}>
                {isBusy ? "Creating link…" : "Create fresh link"}
              </button>
            </>
          )}
        </div>
      </div>
    </Dialog>
  );
}
