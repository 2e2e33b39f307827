import type { ErrorCode, InvitationStatus, OrgRole, Plan, TeamRole } from "../domain";

/** Response shapes of the REST API (src/http/schemas/views.ts), as the console reads them. */
export type User = { id: string; email: string; name: string };

export type TeamMembership = { teamId: string; name: string; role: TeamRole };

export type Membership = {
  orgId: string;
  orgName: string;
  plan: Plan;
  role: OrgRole;
  department: string | null;
  teams: TeamMembership[];
};

export type Me = { user: User; memberships: Membership[] };

export type Organization = {
  id: string;
  name: string;
  plan: Plan;
  defaultTeamId: string | null;
  seats: { limit: number | null; used: number; pending: number };
  createdAt: string;
};

export type Member = {
  userId: string;
  name: string;
  email: string;
  role: OrgRole;
  department: string | null;
  joinedAt: string;
  teams: TeamMembership[];
};

export type Team = { id: string; name: string; isDefault: boolean; memberCount: number; createdAt: string };

export type TeamMember = { userId: string; name: string; email: string; role: TeamRole; addedAt: string };

export type Invitation = {
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
};

export type InvitationWithLink = { invitation: Invitation; inviteUrl: string };

export type HistoryEntry = {
  id: string;
  action: string;
  at: string;
  source: string;
  actor: { id: string; name: string | null; email: string | null } | null;
  before: unknown;
  after: unknown;
};

export type InvitationPreview = {
  orgName: string;
  plan: Plan;
  inviterName: string | null;
  email: string;
  role: OrgRole;
  teamName: string | null;
  teamRole: TeamRole | null;
  department: string | null;
  message: string | null;
  expiresAt: string;
  status: InvitationStatus;
  hasAccount: boolean;
};

export type AcceptResult = { user: User; membership: Omit<Membership, "plan"> };

export type Page<T> = { items: T[]; nextCursor: string | null };

export type ErrorBody = { error: { code: ErrorCode; message: string; details?: Record<string, unknown> } };
