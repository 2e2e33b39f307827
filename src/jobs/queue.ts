import { afterCommit } from "../db/access-changes.js";
import type { Db, Executor } from "../db/client.js";
import { insertJob, insertJobs } from "../db/queries/jobs.js";
import { newId } from "../lib/ids.js";

export type EnqueueJob = {
  kind: string;
  orgId?: string | null;
  payload?: unknown;
  /** Defaults to now: the job runs as soon as a worker is free. */
  runAt?: Date;
  /** At most one unfinished job per key: a second enqueue with the same key is a no-op. */
  uniqueKey?: string;
  maxAttempts?: number;
};

const wakers = new WeakMap<object, Set<() => void>>();

/** A runner on `db` is told when a job it might run was committed, so it need not wait for its poll. */
export function onJobEnqueued(db: Db, wake: () => void): () => void {
  const set = wakers.get(db) ?? new Set<() => void>();
  wakers.set(db, set);
  set.add(wake);
  return () => set.delete(wake);
}

/**
 * Queues a job inside the caller's transaction (a transactional outbox): the job exists if and only if
 * the change that asked for it committed. Returns false when `uniqueKey` is already queued or running.
 */
export async function enqueueJob(trx: Executor, now: Date, job: EnqueueJob): Promise<boolean> {
  const inserted = await insertJob(trx, {
    id: newId(),
    kind: job.kind,
    org_id: job.orgId ?? null,
    payload: JSON.stringify(job.payload ?? {}),
    unique_key: job.uniqueKey ?? null,
    max_attempts: job.maxAttempts ?? 8,
    run_at: (job.runAt ?? now).toISOString(),
    created_at: now.toISOString(),
  });
  if (inserted && (job.runAt ?? now) <= now) {
    afterCommit(trx, (db) => {
      for (const wake of wakers.get(db) ?? []) wake();
    });
  }
  return inserted;
}

/** `enqueueJob` for many jobs in few statements (multi-row inserts); returns how many were queued. */
export async function enqueueJobs(trx: Executor, now: Date, jobs: readonly EnqueueJob[]): Promise<number> {
  if (jobs.length === 0) return 0;
  const inserted = await insertJobs(
    trx,
    jobs.map((job) => ({
      id: newId(),
      kind: job.kind,
      org_id: job.orgId ?? null,
      payload: JSON.stringify(job.payload ?? {}),
      unique_key: job.uniqueKey ?? null,
      max_attempts: job.maxAttempts ?? 8,
      run_at: (job.runAt ?? now).toISOString(),
      created_at: now.toISOString(),
    })),
  );
  if (inserted > 0 && jobs.some((job) => (job.runAt ?? now) <= now)) {
    afterCommit(trx, (db) => {
      for (const wake of wakers.get(db) ?? []) wake();
    });
  }
  return inserted;
}
