import type { Executor } from "../../db/client.js";
import { findMemberAccess } from "../../db/queries/memberships.js";
import type { OrgAccess } from "../../domain/permissions.js";
import type { TeamRole } from "../../domain/roles.js";

/**
 * A person's role in an org and in each of its teams, read fresh for every request (one statement), so
 * a role change or a removal takes effect on the very next request. Null when they are not a member or
 * are suspended.
 */
export async function loadOrgAccess(db: Executor, orgId: string, userId: string): Promise<OrgAccess | null> {
  const rows = await findMemberAccess(db, orgId, userId);
  const membership = rows[0];
  // A suspended member (SCIM active: false) gets nothing: to every route they are not a member.
  if (!membership || membership.status === "suspended") return null;
  const teamRoles = new Map<string, TeamRole>();
  for (const row of rows)
    if (row.team_id !== null && row.team_role !== null) teamRoles.set(row.team_id, row.team_role);
  return { orgId, userId, role: membership.role, teamRoles };
}
