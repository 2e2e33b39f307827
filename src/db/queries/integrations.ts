import type { Insertable } from "kysely";
import type { Executor } from "../client.js";
import type { IntegrationsTable } from "../schema.js";

export function findIntegration(db: Executor, orgId: string, integrationId: string) {
  return db
    .selectFrom("integrations")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", integrationId)
    .executeTakeFirst();
}

export type IntegrationRow = NonNullable<Awaited<ReturnType<typeof findIntegration>>>;

/** The org's integration catalog in id (creation) order. */
export function listIntegrationsPage(
  db: Executor,
  orgId: string,
  page: { afterId: string | null; limit: number },
) {
  return db
    .selectFrom("integrations")
    .selectAll()
    .where("org_id", "=", orgId)
    .$if(page.afterId !== null, (q) => q.where("id", ">", page.afterId as string))
    .orderBy("id")
    .limit(page.limit)
    .execute();
}

/** Every integration of the org (keys, ids and data scopes), for resolving a sharing document. */
export function listAllIntegrations(db: Executor, orgId: string) {
  return db.selectFrom("integrations").selectAll().where("org_id", "=", orgId).orderBy("key").execute();
}

export async function insertIntegration(db: Executor, row: Insertable<IntegrationsTable>): Promise<void> {
  await db.insertInto("integrations").values(row).execute();
}

export async function updateIntegration(
  db: Executor,
  integrationId: string,
  changes: Partial<Pick<IntegrationsTable, "key" | "name" | "data_scopes" | "status">> & {
    updated_at: string;
  },
): Promise<void> {
  await db.updateTable("integrations").set(changes).where("id", "=", integrationId).execute();
}

/** Its shares go with it (ON DELETE CASCADE). */
export async function deleteIntegration(db: Executor, integrationId: string): Promise<void> {
  await db.deleteFrom("integrations").where("id", "=", integrationId).execute();
}

export function listIntegrationShares(db: Executor, integrationId: string) {
  return db
    .selectFrom("integration_shares as s")
    .innerJoin("teams as t", "t.id", "s.team_id")
    .select(["s.team_id", "t.name as team_name", "s.data_scope", "s.created_at"])
    .where("s.integration_id", "=", integrationId)
    .orderBy("t.name_key")
    .execute();
}

export async function replaceIntegrationShares(
  db: Executor,
  orgId: string,
  integrationId: string,
  shares: readonly { teamId: string; dataScope: string }[],
  now: string,
): Promise<void> {
  // Shared with teams: from now on only teams with a share, even when the last one is removed later
  // (reopening it to everyone is a separate, explicit change: PATCH audience "org").
  await db.updateTable("integrations").set({ audience: "teams" }).where("id", "=", integrationId).execute();
  await db.deleteFrom("integration_shares").where("integration_id", "=", integrationId).execute();
  if (shares.length === 0) return;
  await db
    .insertInto("integration_shares")
    .values(
      shares.map((s) => ({
        integration_id: integrationId,
        team_id: s.teamId,
        org_id: orgId,
        data_scope: s.dataScope,
        created_at: now,
      })),
    )
    .execute();
}

/** Whether there was a share to remove. */
export async function deleteIntegrationShare(
  db: Executor,
  integrationId: string,
  teamId: string,
): Promise<boolean> {
  await db.updateTable("integrations").set({ audience: "teams" }).where("id", "=", integrationId).execute();
  const result = await db
    .deleteFrom("integration_shares")
    .where("integration_id", "=", integrationId)
    .where("team_id", "=", teamId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Every integration share of the org, with keys and team names: the sharing document's input. */
export function listOrgIntegrationShares(db: Executor, orgId: string) {
  return db
    .selectFrom("integration_shares as s")
    .innerJoin("integrations as i", "i.id", "s.integration_id")
    .innerJoin("teams as t", "t.id", "s.team_id")
    .select(["i.id as integration_id", "i.key as integration_key", "t.name as team_name", "s.data_scope"])
    .where("s.org_id", "=", orgId)
    .orderBy("i.key")
    .orderBy("t.name_key")
    .execute();
}
