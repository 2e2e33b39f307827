import { sql } from "kysely";
import { type Db, type Executor, isPostgres } from "../client.js";
import type { JobRow, JobsTable } from "../schema.js";

export type NewJob = Pick<
  JobsTable,
  "id" | "kind" | "org_id" | "payload" | "unique_key" | "max_attempts" | "run_at" | "created_at"
>;

/** Inserts a queued job; with a unique key already queued or running, inserts nothing and returns false. */
export async function insertJob(db: Executor, job: NewJob): Promise<boolean> {
  const result = await db
    .insertInto("jobs")
    .values({ ...job, state: "queued", updated_at: job.created_at })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Many queued jobs in one statement per few hundred (an import chunk's emails); jobs whose unique key is
 * already queued or running are skipped. Returns how many were inserted.
 */
export async function insertJobs(db: Executor, jobs: readonly NewJob[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < jobs.length; i += 500) {
    const chunk = jobs
      .slice(i, i + 500)
      .map((job) => ({ ...job, state: "queued" as const, updated_at: job.created_at }));
    const result = await db
      .insertInto("jobs")
      .values(chunk)
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

/**
 * Leases up to `limit` due jobs of the given kinds to `workerId`: queued ones whose time has come and
 * running ones whose lease ran out (their worker died). On PostgreSQL `FOR UPDATE SKIP LOCKED` lets
 * several instances claim at once without taking the same row; SQLite has a single writer.
 */
export function claimDueJobs(
  db: Db,
  claim: { workerId: string; now: string; leaseUntil: string; limit: number; kinds: readonly string[] },
): Promise<JobRow[]> {
  const due = db
    .selectFrom("jobs")
    .select("id")
    .where("kind", "in", claim.kinds)
    .where((eb) =>
      eb.or([
        eb.and([eb("state", "=", "queued"), eb("run_at", "<=", claim.now)]),
        eb.and([eb("state", "=", "running"), eb("locked_until", "<", claim.now)]),
      ]),
    )
    .orderBy("run_at")
    .limit(claim.limit);
  return db
    .updateTable("jobs")
    .set((eb) => ({
      state: "running",
      locked_by: claim.workerId,
      locked_until: claim.leaseUntil,
      attempts: eb("attempts", "+", 1),
      updated_at: claim.now,
    }))
    .where("id", "in", isPostgres(db) ? due.forUpdate().skipLocked() : due)
    .returningAll()
    .execute();
}

/** Marks a job this worker holds as done; false when its lease was lost to another worker. */
export async function finishJob(db: Executor, id: string, workerId: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable("jobs")
    .set({ state: "done", locked_by: null, locked_until: null, finished_at: now, updated_at: now })
    .where("id", "=", id)
    .where("locked_by", "=", workerId)
    .where("state", "=", "running")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Puts a failed attempt back in the queue for `runAt`, or gives up (`runAt` null). */
export async function failJob(
  db: Executor,
  failure: { id: string; workerId: string; now: string; error: string; runAt: string | null },
): Promise<void> {
  await db
    .updateTable("jobs")
    .set({
      state: failure.runAt ? "queued" : "failed",
      run_at: failure.runAt ?? sql<string>`run_at`,
      locked_by: null,
      locked_until: null,
      last_error: failure.error,
      finished_at: failure.runAt ? null : failure.now,
      updated_at: failure.now,
    })
    .where("id", "=", failure.id)
    .where("locked_by", "=", failure.workerId)
    .execute();
}

/** Extends the lease of a job still being worked on. */
export async function renewLease(db: Executor, id: string, workerId: string, until: string): Promise<void> {
  await db
    .updateTable("jobs")
    .set({ locked_until: until })
    .where("id", "=", id)
    .where("locked_by", "=", workerId)
    .execute();
}

/** Deletes finished jobs older than the cut-offs; returns how many. */
export async function pruneJobs(db: Executor, doneBefore: string, failedBefore: string): Promise<number> {
  const result = await db
    .deleteFrom("jobs")
    .where((eb) =>
      eb.or([
        eb.and([eb("state", "=", "done"), eb("finished_at", "<", doneBefore)]),
        eb.and([eb("state", "=", "failed"), eb("finished_at", "<", failedBefore)]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export function getJob(db: Executor, id: string) {
  return db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst();
}

export function listJobsByUniqueKey(db: Executor, uniqueKey: string) {
  return db
    .selectFrom("jobs")
    .selectAll()
    .where("unique_key", "=", uniqueKey)
    .orderBy("created_at")
    .execute();
}
