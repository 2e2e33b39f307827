import type { Insertable } from "kysely";
import type { OrgRole } from "../../domain/roles.js";
import type { Executor } from "../client.js";
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
};

/** One page in join order (membership ids are time-ordered), after `afterId` when given. */
export function listMembersPage(
  db: Executor,
  orgId: string,
  page: { afterId: string | null; limit: number },
): Promise<MemberListRow[]> {
  let query = db
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
    .limit(page.limit);
  if (page.afterId !== null) query = query.where("m.id", ">", page.afterId);
  return query.execute();
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
