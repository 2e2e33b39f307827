import type { Insertable, Selectable } from "kysely";
import { type CatalogKeys, catalogKeysOf } from "../../domain/access/permission-sets.js";
import type { AssignmentTarget } from "../../domain/access/policy-data.js";
import type { OrgRole } from "../../domain/roles.js";
import { teamNameKey } from "../../domain/team-names.js";
import { UUID_PATTERN } from "../../lib/ids.js";
import type { Executor } from "../client.js";
import type { PermissionSetAssignmentsTable, PermissionSetsTable } from "../schema.js";

export type PermissionSetRow = Selectable<PermissionSetsTable>;
export type AssignmentRow = Selectable<PermissionSetAssignmentsTable>;

/** One page in creation order (ids are time-ordered), after `afterId` when given. */
export function listPermissionSetsPage(
  db: Executor,
  orgId: string,
  filter: { kind: PermissionSetRow["kind"]; keys?: readonly string[] },
  page: { afterId: string | null; limit: number },
): Promise<PermissionSetRow[]> {
  let query = db
    .selectFrom("permission_sets")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("kind", "=", filter.kind);
  if (filter.keys !== undefined) {
    if (filter.keys.length === 0) return Promise.resolve([]);
    query = query.where("key", "in", filter.keys);
  }
  if (page.afterId !== null) query = query.where("id", ">", page.afterId);
  return query.orderBy("id").limit(page.limit).execute();
}

export function findPermissionSet(
  db: Executor,
  orgId: string,
  setId: string,
): Promise<PermissionSetRow | undefined> {
  return db
    .selectFrom("permission_sets")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", setId)
    .executeTakeFirst();
}

export function findPermissionSetsByKeys(
  db: Executor,
  orgId: string,
  keys: readonly string[],
): Promise<PermissionSetRow[]> {
  if (keys.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("permission_sets")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("key", "in", keys)
    .execute();
}

export async function insertPermissionSets(
  db: Executor,
  rows: readonly Insertable<PermissionSetsTable>[],
): Promise<void> {
  // 9 columns a row: 500 rows stay far under both dialects' limits on bound parameters.
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto("permission_sets")
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

export async function updatePermissionSet(
  db: Executor,
  setId: string,
  changes: Partial<Pick<PermissionSetRow, "key" | "name" | "description" | "rules">> & { updated_at: string },
): Promise<void> {
  await db.updateTable("permission_sets").set(changes).where("id", "=", setId).execute();
}

export async function deletePermissionSet(db: Executor, setId: string): Promise<void> {
  await db.deleteFrom("permission_sets").where("id", "=", setId).execute();
}

export function listAssignments(db: Executor, setIds: readonly string[]): Promise<AssignmentRow[]> {
  if (setIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("permission_set_assignments")
    .selectAll()
    .where("set_id", "in", setIds)
    .orderBy("created_at")
    .orderBy("target_id")
    .execute();
}

/** Replaces who a set is assigned to. */
export async function replaceAssignments(
  db: Executor,
  orgId: string,
  setId: string,
  targets: readonly { type: AssignmentTarget; id: string }[],
  now: string,
): Promise<void> {
  await db.deleteFrom("permission_set_assignments").where("set_id", "=", setId).execute();
  await insertAssignments(
    db,
    targets.map((t) => ({
      set_id: setId,
      org_id: orgId,
      target_type: t.type,
      target_id: t.id,
      created_at: now,
    })),
  );
}

/** Adds assignments; one that already exists stays as it is. */
export async function insertAssignments(db: Executor, rows: readonly AssignmentRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto("permission_set_assignments")
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(["set_id", "target_type", "target_id"]).doNothing())
      .execute();
  }
}

/** The teams among `teamIds` that belong to the org. */
export function findTeamsIn(
  db: Executor,
  orgId: string,
  teamIds: readonly string[],
): Promise<{ id: string; name: string }[]> {
  if (teamIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("teams")
    .select(["id", "name"])
    .where("org_id", "=", orgId)
    .where("id", "in", teamIds)
    .execute();
}

/**
 * The org's teams named by `refs`, each a team id or a team name (compared by teamNameKey): a map from
 * each ref that names one to its team. A ref that is some team's id means that team, before any name.
 */
export async function findTeamsByRef(
  db: Executor,
  orgId: string,
  refs: readonly string[],
): Promise<Map<string, { id: string; name: string }>> {
  if (refs.length === 0) return new Map();
  const ids = refs.filter((ref) => UUID_PATTERN.test(ref));
  const rows = await db
    .selectFrom("teams")
    .select(["id", "name", "name_key"])
    .where("org_id", "=", orgId)
    .where((eb) =>
      eb.or([...(ids.length > 0 ? [eb("id", "in", ids)] : []), eb("name_key", "in", refs.map(teamNameKey))]),
    )
    .execute();
  const byId = new Map(rows.map((t) => [t.id, { id: t.id, name: t.name }]));
  const byName = new Map(rows.map((t) => [t.name_key, { id: t.id, name: t.name }]));
  const found = new Map<string, { id: string; name: string }>();
  for (const ref of refs) {
    const team = byId.get(ref) ?? byName.get(teamNameKey(ref));
    if (team !== undefined) found.set(ref, team);
  }
  return found;
}

/** The members of the org among `userIds`. */
export function findMembersIn(
  db: Executor,
  orgId: string,
  userIds: readonly string[],
): Promise<{ id: string; name: string; email: string; role: OrgRole }[]> {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["u.id", "u.name", "u.email", "m.role"])
    .where("m.org_id", "=", orgId)
    .where("m.user_id", "in", userIds)
    .execute();
}

/** The keys of the org's models, integrations and knowledge bases: what permission sets can name. */
export async function findCatalogKeys(db: Executor, orgId: string): Promise<CatalogKeys> {
  const keysOf = (table: "models" | "integrations" | "knowledge_bases") =>
    db.selectFrom(table).select("key").where("org_id", "=", orgId).execute();
  const [models, integrations, knowledgeBases] = await Promise.all([
    keysOf("models"),
    keysOf("integrations"),
    keysOf("knowledge_bases"),
  ]);
  return catalogKeysOf({ models, integrations, knowledgeBases });
}
