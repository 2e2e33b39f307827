import type { InvitationStatus, OrgRole, Plan, TeamRole } from "../domain";
import { api } from "./client";
import type { InvitationDashboard } from "./dashboard-types";
import type {
  AcceptResult,
  HistoryEntry,
  Invitation,
  InvitationPreview,
  InvitationWithLink,
  Me,
  Member,
  Organization,
  Page,
  Team,
  TeamMember,
  User,
} from "./types";

const enc = encodeURIComponent;
const org = (orgId: string) => `/api/v1/orgs/${enc(orgId)}`;

function withQuery(path: string, query: Record<string, string | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

// Session and first run
export const getMe = () => api<Me>("GET", "/api/v1/me", { allowSignedOut: true });
export const login = (email: string, password: string) =>
  api<{ user: User }>("POST", "/api/v1/auth/login", { body: { email, password }, allowSignedOut: true });
export const logout = () => api<{ ok: true }>("POST", "/api/v1/auth/logout", { allowSignedOut: true });
export const getSetupStatus = () =>
  api<{ required: boolean }>("GET", "/api/v1/setup", { allowSignedOut: true });
export type SetupInput = {
  token: string;
  orgName: string;
  plan: Plan;
  adminEmail: string;
  adminName: string;
  adminPassword: string;
};
export const completeSetup = (input: SetupInput) =>
  api<{ org: { id: string; name: string }; user: User }>("POST", "/api/v1/setup", {
    body: input,
    allowSignedOut: true,
  });

// Organization and members
export const getOrganization = (orgId: string) => api<Organization>("GET", org(orgId));
export const listMembers = (orgId: string, cursor: string | null) =>
  api<Page<Member>>("GET", withQuery(`${org(orgId)}/members`, { cursor }));
export const updateMember = (orgId: string, userId: string, changes: { role?: OrgRole }) =>
  api<{ userId: string; role: OrgRole }>("PATCH", `${org(orgId)}/members/${enc(userId)}`, { body: changes });
export const removeMember = (orgId: string, userId: string) =>
  api<void>("DELETE", `${org(orgId)}/members/${enc(userId)}`);

// Invitations (admins)
export type CreateInvitationInput = {
  email: string;
  role: OrgRole;
  teamId?: string;
  teamRole?: TeamRole;
  department?: string;
  message?: string;
  expiresInDays: number;
};
export const createInvitation = (orgId: string, input: CreateInvitationInput, idempotencyKey: string) =>
  api<InvitationWithLink>("POST", `${org(orgId)}/invitations`, {
    body: input,
    headers: { "idempotency-key": idempotencyKey },
  });
/** Newest first; `statuses` null for every status. */
export const listInvitations = (orgId: string, statuses: InvitationStatus[] | null, cursor: string | null) =>
  api<Page<Invitation>>(
    "GET",
    withQuery(`${org(orgId)}/invitations`, { status: statuses?.join(",") ?? null, cursor }),
  );
export type UpdateInvitationInput = {
  role?: OrgRole;
  teamId?: string | null;
  teamRole?: TeamRole | null;
  department?: string | null;
};
export const updateInvitation = (orgId: string, id: string, changes: UpdateInvitationInput) =>
  api<Invitation>("PATCH", `${org(orgId)}/invitations/${enc(id)}`, { body: changes });
export const extendInvitation = (orgId: string, id: string, days: number) =>
  api<Invitation>("POST", `${org(orgId)}/invitations/${enc(id)}/extend`, { body: { days } });
export const resendInvitation = (orgId: string, id: string) =>
  api<InvitationWithLink>("POST", `${org(orgId)}/invitations/${enc(id)}/resend`);
export const revokeInvitation = (orgId: string, id: string) =>
  api<Invitation>("POST", `${org(orgId)}/invitations/${enc(id)}/revoke`);
export const getInvitationHistory = (orgId: string, id: string) =>
  api<Page<HistoryEntry>>("GET", `${org(orgId)}/invitations/${enc(id)}/history`);

// Teams
export const listTeams = (orgId: string) => api<Page<Team>>("GET", `${org(orgId)}/teams`);
export const getTeam = (orgId: string, teamId: string) => api<Team>("GET", `${org(orgId)}/teams/${teamId}`);
export const createTeam = (orgId: string, name: string) =>
  api<Team>("POST", `${org(orgId)}/teams`, { body: { name } });
export const renameTeam = (orgId: string, teamId: string, name: string) =>
  api<{ id: string; name: string }>("PATCH", `${org(orgId)}/teams/${enc(teamId)}`, { body: { name } });
export const deleteTeam = (orgId: string, teamId: string) =>
  api<void>("DELETE", `${org(orgId)}/teams/${enc(teamId)}`);
export const listTeamMembers = (orgId: string, teamId: string) =>
  api<Page<TeamMember>>("GET", `${org(orgId)}/teams/${enc(teamId)}/members`);
export const addTeamMember = (orgId: string, teamId: string, userId: string, role: TeamRole) =>
  api<unknown>("POST", `${org(orgId)}/teams/${enc(teamId)}/members`, { body: { userId, role } });
export const updateTeamMember = (orgId: string, teamId: string, userId: string, role: TeamRole) =>
  api<unknown>("PATCH", `${org(orgId)}/teams/${enc(teamId)}/members/${enc(userId)}`, { body: { role } });
export const removeTeamMember = (orgId: string, teamId: string, userId: string) =>
  api<void>("DELETE", `${org(orgId)}/teams/${enc(teamId)}/members/${enc(userId)}`);

// Invitation links (public: the token is the key)
export const previewInvitation = (token: string) =>
  api<InvitationPreview>("POST", "/api/v1/invitations/preview", { body: { token }, allowSignedOut: true });
export const acceptInvitation = (input: { token: string; name?: string; password?: string }) =>
  api<AcceptResult>("POST", "/api/v1/invitations/accept", { body: input, allowSignedOut: true });

// Email delivery (issue 4)
export const remindInvitation = (orgId: string, id: string) =>
  api<Invitation>("POST", `${org(orgId)}/invitations/${enc(id)}/remind`);
export const getEmailSettings = (orgId: string) =>
  api<{ enabled: boolean; from: string | null }>("GET", `${org(orgId)}/email-settings`);
// Invitation Dashboard (admins)
export const getInvitationDashboard = (orgId: string) =>
  api<InvitationDashboard>("GET", `${org(orgId)}/invitations/dashboard`);
