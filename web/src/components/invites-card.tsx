import { useId, useState } from "react";
import { errorMessage } from "../api/client";
import { listInvitations, remindInvitation, revokeInvitation } from "../api/endpoints";
import type { Invitation } from "../api/types";
import { ORG_ROLE_LABELS, TEAM_ROLE_LABELS } from "../domain";
import { formatDate, formatRelative } from "../lib/format";
import { usePagedList } from "../lib/use-paged-list";
import { useOrg } from "../session/org-context";
import { useAnnounce } from "./announcer";
import { ConfirmDialog } from "./confirm-dialog";
import { EditInvitationDialog } from "./edit-invitation-dialog";
import { ErrorText } from "./error-text";
import { ExtendInvitationDialog } from "./extend-invitation-dialog";
import { InvitationHistoryDialog } from "./invitation-history-dialog";
import { LoadMore } from "./loading";
import { ResendInvitationDialog } from "./resend-invitation-dialog";
import { ActionsHeader, RowAction } from "./row-action";
import { StatusBadge } from "./status-badge";

type Action = "edit" | "extend" | "resend" | "revoke" | "history";

/**
 * Active Invites (admins): pending and expired invitations — the seed keeps expired ones listed until
 * they are revoked — or every status when asked.
 */
export function InvitesCard({ refreshKey, onChanged }: { refreshKey: number; onChanged: () => void }) {
  const { org, rules } = useOrg();
  const announce = useAnnounce();
  const toggleId = useId();
  const [showAll, setShowAll] = useState(false);
  const [open, setOpen] = useState<{ action: Action; invitation: Invitation } | null>(null);
  const invites = usePagedList(`invites:${org.id}:${showAll}:${refreshKey}`, (cursor) =>
    listInvitations(org.id, showAll ? null : ["pending", "expired"], cursor),
  );

  const changed = (message: string) => {
    announce(message);
    invites.reload();
    onChanged();
  };
  const close = () => setOpen(null);

  return (
    <section className="card" aria-labelledby="invites-card-title">
      <div className="card-header">
        <div>
          <h2 id="invites-card-title">Active Invites</h2>
          <p className="muted small">
            {showAll
              ? "Every invitation, newest first."
              : "Pending invitations live here until they are accepted; expired ones stay until you revoke them."}
          </p>
        </div>
        <label className="toggle" htmlFor={toggleId}>
          <input
            id={toggleId}
            type="checkbox"
            checked={showAll}
            onChange={(event) => setShowAll(event.target.checked)}
          />
          Show all statuses
        </label>
      </div>
      <ErrorText message={invites.error ? errorMessage(invites.error) : null} />
      {invites.items.length === 0 && !invites.isLoading && !invites.error && (
        <p className="empty">{showAll ? "No invitations yet." : "No pending or expired invitations."}</p>
      )}
      {invites.items.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Team</th>
                <th scope="col">Status</th>
                <th scope="col">Expires</th>
                <th scope="col">Delivery</th>
                <ActionsHeader />
              </tr>
            </thead>
            <tbody>
              {invites.items.map((invitation) => {
                const isOpen = invitation.status === "pending" || invitation.status === "expired";
                const act = (action: Action) => () => setOpen({ action, invitation });
                const who = `invitation for ${invitation.email}`;
                return (
                  <tr key={invitation.id}>
                    <td className="break">
                      <span className="cell-title">{invitation.email}</span>
                      {invitation.department && <span className="cell-sub">{invitation.department}</span>}
                    </td>
                    <td>{ORG_ROLE_LABELS[invitation.role]}</td>
                    <td className="nowrap">
                      {invitation.teamName ?? <span className="muted">Default team</span>}
                      {rules.hasTeamRoles && invitation.teamRole && (
                        <span className="muted"> · {TEAM_ROLE_LABELS[invitation.teamRole]}</span>
                      )}
                    </td>
                    <td>
                      <StatusBadge status={invitation.status} />
                    </td>
                    <td className="nowrap">
                      <ExpiryCell invitation={invitation} />
                    </td>
                    <td className="break">
                      <DeliveryCell invitation={invitation} />
                    </td>
                    <td className="actions actions-wide">
                      <div className="button-group">
                        {invitation.status === "pending" && (
                          <RowAction label="Edit" target={who} tone="quiet" onClick={act("edit")} />
                        )}
                        {isOpen && (
                          <>
                            <RowAction label="Extend" target={who} tone="quiet" onClick={act("extend")} />
                            <RowAction label="Resend" target={who} tone="quiet" onClick={act("resend")} />
                            {invitation.status === "pending" && invitation.delivery && (
                              <RowAction
                                label="Send reminder"
                                target={who}
                                tone="quiet"
                                onClick={() => {
                                  remindInvitation(org.id, invitation.id).then(
                                    () => changed(`A reminder to ${invitation.email} is on its way.`),
                                    (error: unknown) => announce(errorMessage(error)),
                                  );
                                }}
                              />
                            )}
                            <RowAction label="Revoke" target={who} tone="danger" onClick={act("revoke")} />
                          </>
                        )}
                        <RowAction label="History" target={who} tone="quiet" onClick={act("history")} />
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={invites} />
      {open?.action === "edit" && (
        <EditInvitationDialog
          invitation={open.invitation}
          onClose={close}
          onSaved={() => changed("Invitation updated.")}
        />
      )}
      {open?.action === "extend" && (
        <ExtendInvitationDialog
          invitation={open.invitation}
          onClose={close}
          onExtended={() => changed("Invitation extended.")}
        />
      )}
      {open?.action === "resend" && (
        <ResendInvitationDialog
          invitation={open.invitation}
          onClose={close}
          onResent={() => changed("A fresh link was created.")}
        />
      )}
      {open?.action === "history" && <InvitationHistoryDialog invitation={open.invitation} onClose={close} />}
      {open?.action === "revoke" && (
        <ConfirmDialog
          title="Revoke invitation?"
          confirmLabel="Revoke"
          onClose={close}
          onConfirm={async () => {
            await revokeInvitation(org.id, open.invitation.id);
            changed(`The invitation for ${open.invitation.email} was revoked.`);
          }}
        >
          <p>
            The link sent to <strong>{open.invitation.email}</strong> stops working immediately. You can
            invite the same email again later.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function ExpiryCell({ invitation }: { invitation: Invitation }) {
  if (invitation.status === "accepted") {
    return (
      <span className="muted">Accepted {invitation.acceptedAt ? formatDate(invitation.acceptedAt) : ""}</span>
    );
  }
  if (invitation.status === "revoked") return <span className="muted">Revoked</span>;
  const relative = formatRelative(invitation.expiresAt);
  return (
    <>
      {formatDate(invitation.expiresAt)}
      <span className="cell-sub">{invitation.status === "expired" ? `expired ${relative}` : relative}</span>
    </>
  );
}

/** The newest email of the invitation: queued, sent, or failed with the reason. */
function DeliveryCell({ invitation }: { invitation: Invitation }) {
  const delivery = invitation.delivery;
  if (!delivery) return <span className="muted">Link only</span>;
  const what = delivery.kind === "reminder" ? "Reminder" : "Email";
  if (delivery.status === "sent") return <span>{what} sent</span>;
  if (delivery.status === "failed")
    return (
      <>
        <span className="error-text">{what} failed</span>
        {delivery.error && <span className="cell-sub">{delivery.error}</span>}
      </>
    );
  return (
    <>
      <span className="muted">{what} queued</span>
      {delivery.error && <span className="cell-sub">Retrying: {delivery.error}</span>}
    </>
  );
}
