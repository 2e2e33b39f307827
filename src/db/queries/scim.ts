import type { Executor } from "../client.js";
import type {
  MembershipStatus,
  ScimGroupsTable,
  ScimRequestsTable,
  ScimTokensTable,
  ScimUsersTable,
} from "../schema.js";

// Tokens

export async function insertScimToken(db: Executor, row: ScimTokensTable): Promise<void> {
  await db.insertInto("scim_tokens").values(row).execute();
}

export function findScimTokenByHash(db: Executor, hash: string) {
  return db.selectFrom("scim_tokens").selectAll().where("secret_hash", "=", hash).executeTakeFirst();
}

export function findScimToken(db: Executor, orgId: string, id: string) {
  return db
    .selectFrom("scim_tokens")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export function listScimTokens(db: Executor, orgId: string) {
  return db.selectFrom("scim_tokens").selectAll().where("org_id", "=", orgId).orderBy("id", "desc").execute();
}

export async function updateScimToken(
  db: Executor,
  id: string,
  changes: Partial<Pick<ScimTokensTable, "revoked_at" | "expires_at" | "last_used_at">>,
): Promise<void> {
  await db.updateTable("scim_tokens").set(changes).where("id", "=", id).execute();
}

// Users

export type ScimUserRow = ScimUsersTable;

export async function insertScimUser(db: Executor, row: ScimUsersTable): Promise<void> {
  await db.insertInto("scim_users").values(row).execute();
}

export function findScimUser(db: Executor, orgId: string, id: string) {
  return db
    .selectFrom("scim_users")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export function findScimUserByUserId(db: Executor, orgId: string, userId: string) {
  return db
    .selectFrom("scim_users")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

/** Users of an org, optionally narrowed by an indexed equality (userName case-insensitively, externalId). */
export function listScimUsers(
  db: Executor,
  orgId: string,
  where?: { column: "user_name_key" | "external_id" | "id"; value: string },
) {
  let query = db.selectFrom("scim_users").selectAll().where("org_id", "=", orgId).orderBy("id");
  if (where) query = query.where(where.column, "=", where.value);
  return query.execute();
}

export async function updateScimUser(
  db: Executor,
  id: string,
  changes: Partial<Omit<ScimUsersTable, "id" | "org_id" | "user_id" | "created_at">>,
): Promise<void> {
  await db.updateTable("scim_users").set(changes).where("id", "=", id).execute();
}

export async function deleteScimUser(db: Executor, id: string): Promise<void> {
  await db.deleteFrom("scim_users").where("id", "=", id).execute();
}

// Groups

export async function insertScimGroup(db: Executor, row: ScimGroupsTable): Promise<void> {
  await db.insertInto("scim_groups").values(row).execute();
}

export function findScimGroup(db: Executor, orgId: string, id: string) {
  return db
    .selectFrom("scim_groups")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export function listScimGroups(
  db: Executor,
  orgId: string,
  where?: { column: "display_name_key" | "external_id" | "id"; value: string },
) {
  let query = db.selectFrom("scim_groups").selectAll().where("org_id", "=", orgId).orderBy("id");
  if (where) query = query.where(where.column, "=", where.value);
  return query.execute();
}

export async function updateScimGroup(
  db: Executor,
  id: string,
  changes: Partial<Omit<ScimGroupsTable, "id" | "org_id" | "created_at">>,
): Promise<void> {
  await db.updateTable("scim_groups").set(changes).where("id", "=", id).execute();
}

export async function deleteScimGroup(db: Executor, id: string): Promise<void> {
  await db.deleteFrom("scim_groups").where("id", "=", id).execute();
}

/** Members of the given groups, with the display name of each member. */
export function listScimGroupMembers(db: Executor, groupIds: readonly string[]) {
  if (groupIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("scim_group_members as gm")
    .innerJoin("scim_users as su", "su.id", "gm.scim_user_id")
    .select(["gm.group_id", "gm.scim_user_id", "su.user_name", "su.user_id"])
    .where("gm.group_id", "in", groupIds)
    .orderBy("gm.scim_user_id")
    .execute();
}

/** The groups of the given SCIM users. */
export function listGroupsOfScimUsers(db: Executor, scimUserIds: readonly string[]) {
  if (scimUserIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("scim_group_members as gm")
    .innerJoin("scim_groups as g", "g.id", "gm.group_id")
    .select(["gm.scim_user_id", "g.id as group_id", "g.display_name"])
    .where("gm.scim_user_id", "in", scimUserIds)
    .orderBy("g.display_name")
    .execute();
}

export async function addScimGroupMembers(
  db: Executor,
  orgId: string,
  groupId: string,
  scimUserIds: readonly string[],
): Promise<void> {
  if (scimUserIds.length === 0) return;
  await db
    .insertInto("scim_group_members")
    .values(scimUserIds.map((id) => ({ group_id: groupId, scim_user_id: id, org_id: orgId })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function removeScimGroupMembers(
  db: Executor,
  groupId: string,
  scimUserIds: readonly string[],
): Promise<void> {
  if (scimUserIds.length === 0) return;
  await db
    .deleteFrom("scim_group_members")
    .where("group_id", "=", groupId)
    .where("scim_user_id", "in", scimUserIds)
    .execute();
}

// Memberships

export async function setMembershipStatus(
  db: Executor,
  orgId: string,
  userId: string,
  status: MembershipStatus,
  now: string,
): Promise<void> {
  await db
    .updateTable("memberships")
    .set({ status, updated_at: now })
    .where("org_id", "=", orgId)
    .where("user_id", "=", userId)
    .execute();
}

export async function countActiveAdmins(db: Executor, orgId: string): Promise<number> {
  const row = await db
    .selectFrom("memberships")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("org_id", "=", orgId)
    .where("role", "=", "admin")
    .where("status", "=", "active")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// Provisioning log

export async function insertScimRequest(db: Executor, row: ScimRequestsTable): Promise<void> {
  await db.insertInto("scim_requests").values(row).execute();
}

/** Newest first, before `beforeId` when given. */
export function listScimRequests(
  db: Executor,
  orgId: string,
  page: { beforeId: string | null; limit: number },
) {
  let query = db
    .selectFrom("scim_requests")
    .selectAll()
    .where("org_id", "=", orgId)
    .orderBy("id", "desc")
    .limit(page.limit);
  if (page.beforeId !== null) query = query.where("id", "<", page.beforeId);
  return query.execute();
}

export async function pruneScimRequests(db: Executor, before: string): Promise<number> {
  const result = await db.deleteFrom("scim_requests").where("created_at", "<", before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
