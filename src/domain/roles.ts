/**
 * The two role hierarchies of the seeds. Org roles are always present; team roles exist on plans with
 * team roles (Business and Enterprise). The two are independent: a person can be an org "User"
 * (member) and a team Owner at once.
 */
export const ORG_ROLES = ["viewer", "member", "admin"] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

export const TEAM_ROLES = ["member", "admin", "owner"] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

const ORG_ROLE_RANK: Record<OrgRole, number> = { viewer: 0, member: 1, admin: 2 };
const TEAM_ROLE_RANK: Record<TeamRole, number> = { member: 0, admin: 1, owner: 2 };

/** The seed calls the org-level `member` role "User". */
export const ORG_ROLE_LABELS: Record<OrgRole, string> = { admin: "Admin", member: "User", viewer: "Viewer" };
export const TEAM_ROLE_LABELS: Record<TeamRole, string> = {
  owner: "Owner",
  admin: "Admin",
  member: "Member",
};

/** Field help from the auxot seed (Step 4 of the walkthrough) and the mixus viewer description. */
export const ORG_ROLE_DESCRIPTIONS: Record<OrgRole, string> = {
  member:
    "Standard access. Chats with agents, uses what’s been set up, can create their own personal context files. Cannot invite other people, manage credentials, or create company-wide context files.",
  admin:
    "Full management access. Everything a User can do, plus inviting and removing other users, managing credentials and licenses, creating Org-scoped context files, configuring agents.",
  viewer:
    "Read-only access for stakeholders and external collaborators. Views shared conversations and documents; cannot create content, run agents or use integrations.",
};

export const TEAM_ROLE_DESCRIPTIONS: Record<TeamRole, string> = {
  member: "Uses the team’s agents and credentials.",
  admin: "Configures the team’s agents, tool policies, and context files; manages team members.",
  owner: "Same as Admin, plus exclusive control over team membership and role changes for that team.",
};

export function isOrgRole(value: string): value is OrgRole {
  return (ORG_ROLES as readonly string[]).includes(value);
}

export function isTeamRole(value: string): value is TeamRole {
  return (TEAM_ROLES as readonly string[]).includes(value);
}

export function compareOrgRoles(a: OrgRole, b: OrgRole): number {
  return ORG_ROLE_RANK[a] - ORG_ROLE_RANK[b];
}

export function compareTeamRoles(a: TeamRole, b: TeamRole): number {
  return TEAM_ROLE_RANK[a] - TEAM_ROLE_RANK[b];
}

/** Nobody grants a role above their own. */
export function canGrantOrgRole(granter: OrgRole, role: OrgRole): boolean {
  return compareOrgRoles(role, granter) <= 0;
}
