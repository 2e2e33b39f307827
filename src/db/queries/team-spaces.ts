import type { Selectable } from "kysely";
import type { SpaceLevel, SpaceReach, SpaceResourceType } from "../../domain/access/policy-data.js";
import type { Executor } from "../client.js";
import { columnsOf, insertRows } from "../insert-rows.js";
import type { TeamSpaceAccessResourcesTable, TeamSpacesTable } from "../schema.js";

const LISTED_COLUMNS = columnsOf<Selectable<TeamSpaceAccessResourcesTable>>()([
  "team_space_id",
  "team_id",
  "org_id",
  "resource_type",
  "resource_id",
]);

export function findTeamSpace(db: Executor, orgId: string, spaceId: string) {
  return db
    .selectFrom("team_spaces")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", spaceId)
    .executeTakeFirst();
}

export type TeamSpaceRow = NonNullable<Awaited<ReturnType<typeof findTeamSpace>>>;

export function listTeamSpacesByIds(db: Executor, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("team_spaces")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "in", ids)
    .orderBy("id")
    .execute();
}

export async function insertTeamSpace(db: Executor, row: TeamSpacesTable): Promise<void> {
  await db.insertInto("team_spaces").values(row).execute();
}

export async function updateTeamSpace(
  db: Executor,
  spaceId: string,
  changes: Partial<Pick<TeamSpacesTable, "key" | "name" | "description">> & { updated_at: string },
): Promise<void> {
  await db.updateTable("team_spaces").set(changes).where("id", "=", spaceId).execute();
}

/** Its access rows and resource links go with it (ON DELETE CASCADE). */
export async function deleteTeamSpace(db: Executor, spaceId: string): Promise<void> {
  await db.deleteFrom("team_spaces").where("id", "=", spaceId).execute();
}

/** Access of several spaces at once, with team names, by space then team name. */
export function listTeamSpaceAccess(db: Executor, spaceIds: readonly string[]) {
  if (spaceIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("team_space_access as a")
    .innerJoin("teams as t", "t.id", "a.team_id")
    .select(["a.team_space_id", "a.team_id", "t.name as team_name", "a.level", "a.reach"])
    .where("a.team_space_id", "in", spaceIds)
    .orderBy("a.team_space_id")
    .orderBy("t.name_key")
    .execute();
}

/** The resources listed for the teams whose access covers only listed resources, of several spaces. */
export function listTeamSpaceListedResources(db: Executor, spaceIds: readonly string[]) {
  if (spaceIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("team_space_access_resources")
    .select(["team_space_id", "team_id", "resource_type", "resource_id"])
    .where("team_space_id", "in", spaceIds)
    .orderBy("team_space_id")
    .orderBy("team_id")
    .orderBy("resource_type")
    .orderBy("resource_id")
    .execute();
}

export type TeamSpaceAccessRow = {
  teamId: string;
  level: SpaceLevel;
  /** null: the whole space; otherwise only these of its resources. */
  resources: readonly { resourceType: SpaceResourceType; resourceId: string }[] | null;
};

/** Replaces a space's access; the old rows' listed resources go with them (ON DELETE CASCADE). */
export async function replaceTeamSpaceAccess(
  db: Executor,
  orgId: string,
  spaceId: string,
  access: readonly TeamSpaceAccessRow[],
): Promise<void> {
  await db.deleteFrom("team_space_access").where("team_space_id", "=", spaceId).execute();
  if (access.length === 0) return;
  await db
    .insertInto("team_space_access")
    .values(
      access.map((a) => ({
        team_space_id: spaceId,
        team_id: a.teamId,
        org_id: orgId,
        level: a.level,
        reach: (a.resources === null ? "space" : "resources") satisfies SpaceReach,
      })),
    )
    .execute();
  const listed = access.flatMap((a) =>
    (a.resources ?? []).map((r) => ({
      team_space_id: spaceId,
      team_id: a.teamId,
      org_id: orgId,
      resource_type: r.resourceType,
      resource_id: r.resourceId,
    })),
  );
  await insertRows(db, "team_space_access_resources", LISTED_COLUMNS, listed);
}

export function listTeamSpaceResources(db: Executor, spaceId: string) {
  return db
    .selectFrom("team_space_resources")
    .select(["resource_type", "resource_id"])
    .where("team_space_id", "=", spaceId)
    .orderBy("resource_type")
    .orderBy("resource_id")
    .execute();
}

/** Adding what is already there changes nothing; returns whether a row was added. */
export async function insertTeamSpaceResource(
  db: Executor,
  orgId: string,
  spaceId: string,
  resourceType: SpaceResourceType,
  resourceId: string,
): Promise<boolean> {
  const result = await db
    .insertInto("team_space_resources")
    .values({ team_space_id: spaceId, org_id: orgId, resource_type: resourceType, resource_id: resourceId })
    .onConflict((oc) => oc.columns(["team_space_id", "resource_type", "resource_id"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Whether there was such a resource to remove. */
export async function deleteTeamSpaceResource(
  db: Executor,
  spaceId: string,
  resourceType: SpaceResourceType,
  resourceId: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom("team_space_resources")
    .where("team_space_id", "=", spaceId)
    .where("resource_type", "=", resourceType)
    .where("resource_id", "=", resourceId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
