import { sql } from "kysely";
import { type Executor, isPostgres } from "../client.js";
import type { OrgRow, OrgsTable } from "../schema.js";

export function findOrgById(db: Executor, id: string): Promise<OrgRow | undefined> {
  return db.selectFrom("orgs").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function countOrgs(db: Executor): Promise<number> {
  const row = await db
    .selectFrom("orgs")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertOrg(db: Executor, org: OrgRow): Promise<void> {
  await db.insertInto("orgs").values(org).execute();
}

export async function updateOrg(
  db: Executor,
  id: string,
  changes: Partial<Pick<OrgsTable, "name" | "plan" | "seat_limit" | "default_team_id">> & {
    updated_at: string;
  },
): Promise<void> {
  await db.updateTable("orgs").set(changes).where("id", "=", id).execute();
}

/**
 * Reads the org and holds its row lock until the transaction ends (PostgreSQL); SQLite transactions
 * already hold the one write lock from their start (see `client.ts`). Transactions that count seats or
 * admins and then write take this first, so two of them in one org never both see the last free seat.
 */
export function lockOrg(db: Executor, orgId: string): Promise<OrgRow | undefined> {
  return db
    .selectFrom("orgs")
    .selectAll()
    .where("id", "=", orgId)
    .$if(isPostgres(db), (q) => q.forUpdate())
    .executeTakeFirst();
}

/** Records that access in the org changed, in the same transaction as the change (decision-engine cache key). */
export async function bumpAccessVersion(db: Executor, orgId: string): Promise<void> {
  await db
    .updateTable("orgs")
    .set({ access_version: sql`access_version + 1` })
    .where("id", "=", orgId)
    .execute();
}
