import { listMembersPage } from "../../db/queries/memberships.js";
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
): Promise<Page<MemberView>> {
  // One extra member tells whether another page follows without a count query.
  const rows = await listMembersPage(ctx.db, input.orgId, { afterId: input.after, limit: input.limit + 1 });
  const items: MemberView[] = [];
  let lastId: string | null = null;
  let hasMore = false;
  for (const row of rows) {
    if (row.membership_id !== lastId) {
      if (items.length === input.limit) {
        hasMore = true;
        break;
      }
      lastId = row.membership_id;
      items.push({
        userId: row.user_id,
        name: row.name,
        email: row.email,
        role: row.role,
        department: row.department,
        status: row.status,
        joinedAt: row.joined_at,
        teams: [],
        reportsTo:
          row.manager_email === null
            ? null
            : { email: row.manager_email, userId: row.manager_user_id, name: row.manager_name },
      });
    }
    if (row.team_id !== null && row.team_name !== null && row.team_role !== null) {
      items[items.length - 1]?.teams.push({ teamId: row.team_id, name: row.team_name, role: row.team_role });
    }
  }
  // The cursor is the membership id of the page's last member (join order), opaque to clients.
  return { items, nextCursor: hasMore ? lastId : null };
}
