import { sql } from "kysely";
import type { Executor } from "../client.js";
import type { JoinRequestRow, JoinRequestStatus } from "../schema.js";

export type JoinRequestListRow = JoinRequestRow & { user_name: string; domain: string | null };

export function listJoinRequests(
  db: Executor,
  orgId: string,
  status: JoinRequestStatus,
): Promise<JoinRequestListRow[]> {
  return db
    .selectFrom("join_requests")
    .innerJoin("users", "users.id", "join_requests.user_id")
    .leftJoin("org_domains", "org_domains.id", "join_requests.domain_id")
    .selectAll("join_requests")
    .select(["users.name as user_name", "org_domains.domain as domain"])
    .where("join_requests.org_id", "=", orgId)
    .where("join_requests.status", "=", status)
    .orderBy("join_requests.created_at", "desc")
    .orderBy("join_requests.id")
    .limit(500)
    .execute();
}

export function findJoinRequest(
  db: Executor,
  orgId: string,
  id: string,
): Promise<JoinRequestRow | undefined> {
  return db
    .selectFrom("join_requests")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Any request (pending or decided) of this user to this org: a domain join is attempted once. */
export function findJoinRequestOf(
  db: Executor,
  orgId: string,
  userId: string,
): Promise<JoinRequestRow | undefined> {
  return db
    .selectFrom("join_requests")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

/** Inserts unless a pending request of the same person exists (the partial unique index decides). */
export async function insertJoinRequest(db: Executor, row: JoinRequestRow): Promise<boolean> {
  const result = await db
    .insertInto("join_requests")
    .values(row)
    // The conflict target names the partial index, literally (a bound parameter would not match it).
    .onConflict((oc) =>
      oc.columns(["org_id", "user_id"]).where(sql.ref("status"), "=", sql.lit("pending")).doNothing(),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** Decides a pending request; false when it was no longer pending. */
export async function decideJoinRequest(
  db: Executor,
  id: string,
  decision: {
    status: "approved" | "declined";
    role: JoinRequestRow["role"];
    decidedBy: string | null;
    now: string;
  },
): Promise<boolean> {
  const result = await db
    .updateTable("join_requests")
    .set({
      status: decision.status,
      role: decision.role,
      decided_by: decision.decidedBy,
      decided_at: decision.now,
    })
    .where("id", "=", id)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
