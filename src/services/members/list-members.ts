import { listMembersPage } from "../../db/queries/memberships.js";
import { listTeamsOfUsers } from "../../db/queries/teams.js";
import type { MembershipStatus } from "../../db/schema.js";
import type { OrgRole } from "../../domain/roles.js";
import type { ServiceContext } from "../context.js";
import type { TeamMembershipView } from "../shared/views.js";

export type MemberView = {
  userId: string;
  name: string;
  email: string;
  role: OrgRole;
  department: string | null;
  /** "suspended": the directory (SCIM `active: false`) suspended them; they hold no seat and may do nothing. */
  status: MembershipStatus;
  joinedAt: string;
  teams: TeamMembershipView[];
  /** "Reports to": the manager a team import named (issue 4); userId and name once they are a member. */
  reportsTo: { email: string; userId: string | null; name: string | null } | null;
};

export type Page<T> = { items: T[]; nextCursor: string | null };

export async function listMembers(
  ctx: ServiceContext,
  input: { orgId: string; after: string | null; limit: number },
): Promise<Page<MemberView & { cursorId: string }>> {
  // One extra row tells whether another page follows without a count query.
  const rows = await listMembersPage(ctx.db, input.orgId, { afterId: input.after, limit: input.limit + 1 });
  const page = rows.slice(0, input.limit);
  const teams = await listTeamsOfUsers(
    ctx.db,
    input.orgId,
    page.map((row) => row.user_id),
  );
  const items = page.map((row) => ({
    cursorId: row.membership_id,
    userId: row.user_id,
    name: row.name,
    email: row.email,
    role: row.role,
    department: row.department,
    status: row.status,
    joinedAt: row.joined_at,
    teams: teams
      .filter((team) => team.user_id === row.user_id)
      .map((team) => ({ teamId: team.team_id, name: team.name, role: team.role })),
    reportsTo:
      row.manager_email === null
        ? null
        : { email: row.manager_email, userId: row.manager_user_id, name: row.manager_name },
  }));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > input.limit && last ? last.cursorId : null };
}
