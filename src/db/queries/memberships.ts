import type { Insertable } from "kysely";
import type { OrgRole, TeamRole } from "../../domain/roles.js";
import type { Executor } from "../client.js";
import { type PageLimit, preparedPageQuery } from "../prepared-query.js";
import type { MembershipRow, MembershipStatus, MembershipsTable } from "../schema.js";

export function findMembership(
  db: Executor,
  orgId: string,
  userId: string,
): Promise<MembershipRow | undefined> {
  return db
    .selectFrom("memberships")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

export async function insertMembership(
  db: Executor,
  membership: Insertable<MembershipsTable>,
): Promise<void> {
  await db.insertInto("memberships").values(membership).execute();
}

export async function updateMembership(
  db: Executor,
  orgId: string,
  userId: string,
  changes: Partial<Pick<MembershipsTable, "role" | "department">> & { updated_at: string },
): Promise<void> {
  await db
    .updateTable("memberships")
    .set(changes)
    .where("org_id", "=", orgId)
    .where("user_id", "=", userId)
    .execute();
}

export async function deleteMembership(db: Executor, orgId: string, userId: string): Promise<void> {
  await db.deleteFrom("memberships").where("org_id", "=", orgId).where("user_id", "=", userId).execute();
}

export async function countMembersWithRole(db: Executor, orgId: string, role: OrgRole): Promise<number> {
  const row = await db
    .selectFrom("memberships")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("org_id", "=", orgId)
    .where("role", "=", role)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Members who hold a seat: active ones. A member suspended by the directory (SCIM `active: false`)
 * holds none until reactivated, and reactivation checks for a free seat again.
 */
export async function countMembers(db: Executor, orgId: string): Promise<number> {
  const row = await db
    .selectFrom("memberships")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("org_id", "=", orgId)
    .where("status", "=", "active")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Suspended members (SCIM `active: false`): still listed, holding no seat. */
export async function countSuspendedMembers(db: Executor, orgId: string): Promise<number> {
  const row = await db
    .selectFrom("memberships")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("org_id", "=", orgId)
    .where("status", "=", "suspended")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type MemberListRow = {
  membership_id: string;
  user_id: string;
  name: string;
  email: string;
  role: OrgRole;
  department: string | null;
  status: MembershipStatus;
  joined_at: string;
  manager_email: string | null;
  manager_user_id: string | null;
  manager_name: string | null;
  /** One row per team the member is in, teams by name; null (one row) when they are in none. */
  team_id: string | null;
  team_name: string | null;
  team_role: TeamRole | null;
};

/**
 * One page in join order (membership ids are time-ordered), after `afterId` when given, with each
 * member's teams: one statement, the page walked on (org_id, id) with LIMIT, then each member's team
 * memberships through (org_id, user_id). A member with several teams spans several rows, in order.
 */
export function listMembersPage(
  db: Executor,
  orgId: string,
  page: { afterId: string | null; limit: number },
): Promise<MemberListRow[]> {
  return page.afterId === null
    ? selectFirstMembersPage(db, page.limit, orgId)
    : selectMembersPageAfter(db, page.limit, orgId, page.afterId);
}

function selectMembersWithTeams(db: Executor, orgId: string, limit: PageLimit, afterId?: string) {
  let members = db
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .leftJoin("users as mu", "mu.id", "m.manager_user_id")
    .select([
      "m.id as membership_id",
      "m.user_id",
      "u.name",
      "u.email",
      "m.role",
      "m.department",
      "m.status",
      "m.created_at as joined_at",
      "m.manager_email",
      "m.manager_user_id",
      "mu.name as manager_name",
    ])
    .where("m.org_id", "=", orgId)
    .orderBy("m.id")
    .limit(limit);
  if (afterId !== undefined) members = members.where("m.id", ">", afterId);
  return db
    .selectFrom(members.as("p"))
    .leftJoin("team_memberships as tm", (join) =>
      join.onRef("tm.user_id", "=", "p.user_id").on("tm.org_id", "=", orgId),
    )
    .leftJoin("teams as t", "t.id", "tm.team_id")
    .selectAll("p")
    .select(["tm.team_id", "t.name as team_name", "tm.role as team_role"])
    .orderBy("p.membership_id")
    .orderBy("t.name");
}

const selectFirstMembersPage = preparedPageQuery((db: Executor, limit: PageLimit, orgId: string) =>
  selectMembersWithTeams(db, orgId, limit),
);
const selectMembersPageAfter = preparedPageQuery(
  (db: Executor, limit: PageLimit, orgId: string, afterId: string) =>
    selectMembersWithTeams(db, orgId, limit, afterId),
);

export type MemberAccessRow = {
  role: OrgRole;
  status: MembershipStatus;
  team_id: string | null;
  team_role: TeamRole | null;
};

/**
 * A person's membership of an org and their role in each of its teams, in one statement: one row per
 * team (team columns null when in none), no row when they are not a member.
 */
export function findMemberAccess(db: Executor, orgId: string, userId: string): Promise<MemberAccessRow[]> {
  return db
    .selectFrom("memberships as m")
    .leftJoin("team_memberships as tm", (join) =>
      join.onRef("tm.org_id", "=", "m.org_id").onRef("tm.user_id", "=", "m.user_id"),
    )
    .select(["m.role", "m.status", "tm.team_id", "tm.role as team_role"])
    .where("m.org_id", "=", orgId)
    .where("m.user_id", "=", userId)
    .execute();
}

export function listMembershipsOfUser(db: Executor, userId: string) {
  return db
    .selectFrom("memberships as m")
    .innerJoin("orgs as o", "o.id", "m.org_id")
    .select(["m.org_id", "o.name as org_name", "o.plan", "m.role", "m.department"])
    .where("m.user_id", "=", userId)
    .orderBy("m.id")
    .execute();
}
