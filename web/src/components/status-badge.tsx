import type { ProjectStatus } from "../api/types";
import type { InvitationStatus } from "../domain";

type BadgeStatus =
  | InvitationStatus
  | ProjectStatus
  | "active"
  | "approved"
  | "denied"
  | "allowed"
  | "disabled"
  | "enabled";

const LABELS: Record<BadgeStatus, string> = {
  pending: "Pending",
  expired: "Expired",
  accepted: "Accepted",
  revoked: "Revoked",
  scheduled: "Scheduled",
  active: "Active",
  ended: "Ended",
  approved: "Approved",
  denied: "Denied",
  allowed: "Allowed",
  enabled: "Enabled",
  disabled: "Disabled",
};

/** The status in words; colour only repeats what the text says. */
export function StatusBadge({ status, label }: { status: BadgeStatus; label?: string }) {
  return <span className={`badge badge-${status}`}>{label ?? LABELS[status]}</span>;
}
