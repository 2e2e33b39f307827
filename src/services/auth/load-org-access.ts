import type { Executor } from "../../db/client.js";
import { findMembership } from "../../db/queries/memberships.js";
import { listTeamRolesOfUser } from "../../db/queries/teams.js";
import type { OrgAccess } from "../../domain/permissions.js";
import type { TeamRole } from "../../domain/roles.js";

/**
 * A person's role in an org and in each of its teams, read fresh for every request, so a role change
 * or a removal takes effect on the very next request. Null when they are not a member or are suspended.
 */
export async function loadOrgAccess(db: Executor, orgId: string, userId: string): Promise<OrgAccess | null> {
  const [membership, teamRows] = await Promise.all([
    findMembership(db, orgId, userId),
    listTeamRolesOfUser(db, orgId, userId),
  ]);
  // A suspended member (SCIM active: false) gets nothing: to every route they are not a member.
  if (!membership || membership.status === "suspended") return null;
  return {
    orgId,
    userId,
    role: membership.role,
    teamRoles: new Map(teamRows.map((row): [string, TeamRole] => [row.team_id, row.role])),
  };
}
