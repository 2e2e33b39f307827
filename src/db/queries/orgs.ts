import { sql } from "kysely";
import { afterCommitAnnounce } from "../access-changes.js";
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

/** The channel every instance LISTENs on; payload "<orgId>:<version>". */
export const ACCESS_CHANNEL = "gatehouse_access";

/**
 * Records that access in the org changed, in the same transaction as the change: the decision engine's
 * cached policy for the org is stale from that version on. On PostgreSQL the NOTIFY is part of the
 * transaction, so other instances hear of it exactly when (and only if) it commits; this instance
 * hears of it after the commit through `afterCommitAnnounce`.
 */
export async function bumpAccessVersion(db: Executor, orgId: string): Promise<number> {
  const row = await db
    .updateTable("orgs")
    .set({ access_version: sql`access_version + 1` })
    .where("id", "=", orgId)
    .returning("access_version")
    .executeTakeFirst();
  if (!row) return 0;
  const version = Number(row.access_version);
  if (isPostgres(db)) await sql`select pg_notify(${ACCESS_CHANNEL}, ${`${orgId}:${version}`})`.execute(db);
  afterCommitAnnounce(db, orgId, version);
  return version;
}
