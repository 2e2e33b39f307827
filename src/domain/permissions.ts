import { AppError } from "./errors.js";
import { canGrantOrgRole, compareTeamRoles, type OrgRole, type TeamRole } from "./roles.js";

/**
 * Every permission a route can ask for. Roles are data: adding a permission to a role is one line here,
 * and `can` is the one function that decides. Deny by default.
 */
export const PERMISSIONS = [
  "org:read",
  "org:update",
  "members:read",
  "members:update",
  "members:remove",
  "invitations:read",
  "invitations:create",
  "invitations:manage",
  "teams:read",
  "teams:create",
  "teams:update",
  "teams:delete",
  "team-members:read",
  "team-members:manage",
  "audit:read",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Org-wide grants. Only admins invite, remove and change org roles (auxot seed, mixus "Organization Admin"). */
export const ORG_PERMISSIONS = {
  admin: PERMISSIONS,
  member: ["org:read", "members:read", "teams:read", "team-members:read"],
  // Viewers are stakeholders and external collaborators (mixus seed): they see their organization,
  // not its member directory.
  viewer: ["org:read"],
} as const satisfies Record<OrgRole, readonly Permission[]>;

/** Grants that hold inside one team only, on top of the org role. */
export const TEAM_PERMISSIONS = {
  owner: ["teams:read", "teams:update", "team-members:read", "team-members:manage"],
  admin: ["teams:read", "teams:update", "team-members:read", "team-members:manage"],
  member: ["teams:read", "team-members:read"],
} as const satisfies Record<TeamRole, readonly Permission[]>;

/** What one person holds in one organization: their org role and their role in each of their teams. */
export type OrgAccess = {
  orgId: string;
  userId: string;
  role: OrgRole;
  teamRoles: ReadonlyMap<string, TeamRole>;
};

export function can(access: OrgAccess, permission: Permission, scope: { teamId?: string } = {}): boolean {
  if ((ORG_PERMISSIONS[access.role] as readonly Permission[]).includes(permission)) return true;
  if (scope.teamId === undefined) return false;
  const teamRole = access.teamRoles.get(scope.teamId);
  return teamRole !== undefined && (TEAM_PERMISSIONS[teamRole] as readonly Permission[]).includes(permission);
}

/** Refuses granting an org role above the granter's own. */
export function assertCanGrantOrgRole(granter: OrgRole, role: OrgRole): void {
  if (!canGrantOrgRole(granter, role)) {
    throw new AppError("ROLE_ABOVE_YOUR_OWN", {
      message: `You are ${granter === "member" ? "a User" : `a ${granter}`} and cannot grant the ${role} role.`,
    });
  }
}

/**
 * An organization always keeps an admin: the last one can be neither demoted nor removed.
 * `nextRole` is null for a removal.
 */
export function assertKeepsAnAdmin(adminCount: number, currentRole: OrgRole, nextRole: OrgRole | null): void {
  if (currentRole === "admin" && nextRole !== "admin" && adminCount <= 1) {
    throw new AppError("LAST_ADMIN");
  }
}

export type TeamMemberChange = {
  /** The actor's org role and their role in this team (null when not in it). */
  actor: { orgRole: OrgRole | "system"; teamRole: TeamRole | null };
  /** The target's current team role; null when they are being added. */
  currentRole: TeamRole | null;
  /** The role after the change; null when they are being removed. */
  nextRole: TeamRole | null;
};

/**
 * Who may change a team's membership (auxot seed, "team-level roles"): org admins and team owners
 * change anything; team admins manage members and admins but never touch an owner and never grant
 * owner; everyone else is refused.
 */
export function assertCanChangeTeamMember(change: TeamMemberChange): void {
  const { actor, currentRole, nextRole } = change;
  if (actor.orgRole === "system" || actor.orgRole === "admin" || actor.teamRole === "owner") return;
  if (actor.teamRole !== "admin") throw new AppError("FORBIDDEN");
  if (currentRole === "owner") {
    throw new AppError("FORBIDDEN", {
      message: "Only a team owner or an org admin can change a team owner.",
    });
  }
  if (nextRole !== null && compareTeamRoles(nextRole, actor.teamRole) > 0) {
    throw new AppError("ROLE_ABOVE_YOUR_OWN", { message: "Team admins cannot make someone a team owner." });
  }
}

/** A team that has an owner keeps one: the last owner can be neither demoted nor removed. */
export function assertKeepsATeamOwner(
  ownerCount: number,
  currentRole: TeamRole,
  nextRole: TeamRole | null,
): void {
  if (currentRole === "owner" && nextRole !== "owner" && ownerCount <= 1) {
    throw new AppError("LAST_TEAM_OWNER");
  }
}
