import type { Executor } from "../client.js";

/**
 * Teams as other records name them (shares, team-space access, sharing documents). Kept apart from
 * teams.ts, which is about managing teams themselves.
 */
export function listTeamsByIds(db: Executor, orgId: string, teamIds: readonly string[]) {
  if (teamIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("teams")
    .select(["id", "name"])
    .where("org_id", "=", orgId)
    .where("id", "in", teamIds)
    .execute();
}

/** Every team of the org, for matching team names in a sharing document. */
export function listTeamNames(db: Executor, orgId: string) {
  return db
    .selectFrom("teams")
    .select(["id", "name"])
    .where("org_id", "=", orgId)
    .orderBy("name_key")
    .execute();
}
