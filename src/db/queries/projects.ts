import type { Insertable, Selectable } from "kysely";
import type { ProjectStatus } from "../../domain/access/policy.js";
import type { ProjectMemberType, ProjectResourceType } from "../../domain/access/policy-data.js";
import type { Executor } from "../client.js";
import type { ProjectMembersTable, ProjectResourcesTable, ProjectsTable } from "../schema.js";

export type ProjectRow = Selectable<ProjectsTable>;
export type ProjectMemberRow = Selectable<ProjectMembersTable>;
export type ProjectResourceRow = Selectable<ProjectResourcesTable>;

export type { ProjectStatus };

/**
 * One page in creation order, after `afterId` when given. `ids` limits the page to those projects
 * (null: all of the org's). A status is read from the timestamps at `now`, as the decision engine does.
 */
export function listProjectsPage(
  db: Executor,
  orgId: string,
  filter: { ids: readonly string[] | null; status: ProjectStatus | null; now: string },
  page: { afterId: string | null; limit: number },
): Promise<ProjectRow[]> {
  if (filter.ids !== null && filter.ids.length === 0) return Promise.resolve([]);
  let query = db.selectFrom("projects").selectAll().where("org_id", "=", orgId);
  if (filter.ids !== null) query = query.where("id", "in", filter.ids);
  if (filter.status === "ended") query = query.where("ended_at", "is not", null);
  else if (filter.status === "expired")
    query = query.where("ended_at", "is", null).where("ends_at", "<=", filter.now);
  else if (filter.status === "active")
    query = query
      .where("ended_at", "is", null)
      .where("starts_at", "<=", filter.now)
      .where("ends_at", ">", filter.now);
  else if (filter.status === "scheduled")
    query = query.where("ended_at", "is", null).where("starts_at", ">", filter.now);
  if (page.afterId !== null) query = query.where("id", ">", page.afterId);
  return query.orderBy("id").limit(page.limit).execute();
}

export function findProject(db: Executor, orgId: string, projectId: string): Promise<ProjectRow | undefined> {
  return db
    .selectFrom("projects")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", projectId)
    .executeTakeFirst();
}

export async function insertProject(db: Executor, row: Insertable<ProjectsTable>): Promise<void> {
  await db.insertInto("projects").values(row).execute();
}

export async function updateProject(
  db: Executor,
  projectId: string,
  changes: Partial<Pick<ProjectRow, "name" | "description" | "ends_at" | "ended_at">> & {
    updated_at: string;
  },
): Promise<void> {
  await db.updateTable("projects").set(changes).where("id", "=", projectId).execute();
}

export async function deleteProject(db: Executor, projectId: string): Promise<void> {
  await db.deleteFrom("projects").where("id", "=", projectId).execute();
}

export function listProjectMembers(db: Executor, projectIds: readonly string[]): Promise<ProjectMemberRow[]> {
  if (projectIds.length === 0) return Promise.resolve([]);
  return db.selectFrom("project_members").selectAll().where("project_id", "in", projectIds).execute();
}

export function listProjectResources(
  db: Executor,
  projectIds: readonly string[],
): Promise<ProjectResourceRow[]> {
  if (projectIds.length === 0) return Promise.resolve([]);
  return db.selectFrom("project_resources").selectAll().where("project_id", "in", projectIds).execute();
}

export async function replaceProjectMembers(
  db: Executor,
  orgId: string,
  projectId: string,
  members: readonly { type: ProjectMemberType; ref: string }[],
): Promise<void> {
  await db.deleteFrom("project_members").where("project_id", "=", projectId).execute();
  for (let i = 0; i < members.length; i += 500) {
    await db
      .insertInto("project_members")
      .values(
        members.slice(i, i + 500).map((m) => ({
          project_id: projectId,
          org_id: orgId,
          member_type: m.type,
          member_ref: m.ref,
        })),
      )
      .execute();
  }
}

export async function replaceProjectResources(
  db: Executor,
  orgId: string,
  projectId: string,
  resources: readonly { type: ProjectResourceType; id: string }[],
): Promise<void> {
  await db.deleteFrom("project_resources").where("project_id", "=", projectId).execute();
  for (let i = 0; i < resources.length; i += 500) {
    await db
      .insertInto("project_resources")
      .values(
        resources.slice(i, i + 500).map((r) => ({
          project_id: projectId,
          org_id: orgId,
          resource_type: r.type,
          resource_id: r.id,
        })),
      )
      .execute();
  }
}

export type RegistryTable = "agents" | "integrations" | "knowledge_bases";

/** The org's agents, integrations or knowledge bases named by id or by key. */
export function findRegistered(
  db: Executor,
  orgId: string,
  table: RegistryTable,
  refs: { ids: readonly string[]; keys: readonly string[] },
): Promise<{ id: string; key: string; name: string }[]> {
  if (refs.ids.length === 0 && refs.keys.length === 0) return Promise.resolve([]);
  return db
    .selectFrom(table)
    .select(["id", "key", "name"])
    .where("org_id", "=", orgId)
    .where((eb) => {
      const any = [];
      if (refs.ids.length > 0) any.push(eb("id", "in", refs.ids));
      if (refs.keys.length > 0) any.push(eb("key", "in", refs.keys));
      return eb.or(any);
    })
    .execute();
}
