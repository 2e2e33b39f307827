import type { InvitationStatus } from "../domain";

const LABELS: Record<InvitationStatus, string> = {
  pending: "Pending",
  expired: "Expired",
  accepted: "Accepted",
  revoked: "Revoked",
};

/** The status in words; colour only repeats what the text says. */
export function StatusBadge({ status }: { status: InvitationStatus }) {
  return <span className={`badge badge-${status}`}>{LABELS[status]}</span>;
}
