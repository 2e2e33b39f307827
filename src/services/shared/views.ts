import type { InvitationRow } from "../../db/schema.js";
import { effectiveStatus, type InvitationStatus } from "../../domain/invitation.js";
import type { Plan } from "../../domain/plans.js";
import type { OrgRole, TeamRole } from "../../domain/roles.js";

/** What use cases return: camelCase, no secrets, statuses as users see them. */
export type UserView = { id: string; email: string; name: string };

export type InvitationView = {
  id: string;
  email: string;
  role: OrgRole;
  teamId: string | null;
  teamName: string | null;
  teamRole: TeamRole | null;
  department: string | null;
  message: string | null;
  status: InvitationStatus;
  expiresAt: string;
  createdAt: string;
  updatedAt: string;
  invitedBy: string | null;
  inviterName: string | null;
  acceptedAt: string | null;
  /** The newest email sent for this invitation; null when none was (no SMTP, or link copied). */
  delivery: {
    status: "queued" | "sent" | "failed";
    kind: "invitation" | "reminder";
    error: string | null;
    at: string;
  } | null;
};

export function toInvitationView(
  row: InvitationRow & {
    team_name?: string | null;
    inviter_name?: string | null;
    email_status?: "queued" | "sent" | "failed" | null;
    email_error?: string | null;
    email_kind?: "invitation" | "reminder" | null;
    email_at?: string | null;
  },
  now: Date,
): InvitationView {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    teamId: row.team_id,
    teamName: row.team_name ?? null,
    teamRole: row.team_role,
    department: row.department,
    message: row.message,
    status: effectiveStatus({ status: row.status, expiresAt: row.expires_at }, now),
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    invitedBy: row.invited_by,
    inviterName: row.inviter_name ?? null,
    acceptedAt: row.accepted_at,
    delivery:
      row.email_status && row.email_kind && row.email_at
        ? {
            status: row.email_status,
            kind: row.email_kind,
            error: row.email_status === "sent" ? null : (row.email_error ?? null),
            at: String(row.email_at),
          }
        : null,
  };
}

/** The audit snapshot of an invitation: everything but the token hash. */
export function invitationSnapshot(row: InvitationRow) {
  return {
    email: row.email,
    role: row.role,
    teamId: row.team_id,
    teamRole: row.team_role,
    department: row.department,
    status: row.status,
    expiresAt: row.expires_at,
  };
}

export type OrgView = {
  id: string;
  name: string;
  plan: Plan;
  defaultTeamId: string | null;
  seats: { limit: number | null; used: number; pending: number };
  createdAt: string;
};

export type TeamMembershipView = { teamId: string; name: string; role: TeamRole };
