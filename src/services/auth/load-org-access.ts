import type { Executor } from "../../db/client.js";
import { findMemberAccess, type MemberAccessRow } from "../../db/queries/memberships.js";
import type { OrgAccess } from "../../domain/permissions.js";
import type { TeamRole } from "../../domain/roles.js";

/**
 * A person's role in an org and in each of its teams, read fresh for every request (one statement), so
 * a role change or a removal takes effect on the very next request. Null when they are not a member or
 * are suspended.
 */
export async function loadOrgAccess(db: Executor, orgId: string, userId: string): Promise<OrgAccess | null> {
  return orgAccessFromRows(orgId, userId, await findMemberAccess(db, orgId, userId));
}

/**
 * The access that rows of a membership joined with its team memberships give (one row per team; no
 * row, or a null role, when not a member). Also used when the session lookup reads them (resolveSession).
 */
export function orgAccessFromRows(
  orgId: string,
  userId: string,
  rows: readonly { [K in keyof MemberAccessRow]: MemberAccessRow[K] | null }[],
): OrgAccess | null {
  const membership = rows[0];
  // A suspended member (SCIM active: false) gets nothing: to every route they are not a member.
  if (!membership?.role || membership.status !== "active") return null;
  const teamRoles = new Map<string, TeamRole>();
  for (const row of rows) {
    if (row.team_id !== null && row.team_role !== null) teamRoles.set(row.team_id, row.team_role);
  }
  return { orgId, userId, role: membership.role, teamRoles };
}
