import { hostname } from "node:os";
import type { Db } from "../db/client.js";
import { claimDueJobs, failJob, finishJob, renewLease } from "../db/queries/jobs.js";
import type { JobRow } from "../db/schema.js";
import { jobErrorText, retryDelayMs } from "../domain/jobs.js";
import type { Clock } from "../lib/clock.js";
import { newId } from "../lib/ids.js";
import { enqueueJob, onJobEnqueued } from "./queue.js";

export type Job = { id: string; kind: string; orgId: string | null; payload: unknown; attempt: number };

export type JobDefinition = {
  kind: string;
  run(job: Job): Promise<void>;
  /** Attempts before the job is marked failed (default 8). */
  maxAttempts?: number;
  /** Recurring jobs run again this long after each run finishes. */
  everyMs?: number;
  /** How long a claim lasts before another worker may take the job over (default 60 s). */
  leaseMs?: number;
  backoff?: { baseMs: number; capMs: number };
  /** A failure that retrying cannot fix: give up at once. */
  isPermanent?(error: unknown): boolean;
};

export type JobRunnerOptions = {
  db: Db;
  clock: Clock;
  definitions: readonly JobDefinition[];
  pollMs: number;
  concurrency: number;
  log?: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
  random?: () => number;
};

export type JobRunner = {
  /** Starts polling (and seeds recurring jobs). */
  start(): Promise<void>;
  /** Stops claiming and waits for running jobs to finish. */
  stop(): Promise<void>;
  /** Claims and runs due jobs until none are left; returns how many ran. For tests and the CLI. */
  runDue(): Promise<number>;
  /** Queues each recurring job that is not already queued. */
  seedRecurring(): Promise<void>;
  readonly workerId: string;
};

/**
 * Runs leased jobs. Each claim holds a lease; a worker that dies loses its jobs to the next claim after
 * the lease runs out, so a job runs again only when its first run did not finish. Handlers must
 * therefore be idempotent. Jobs never run inside a request: requests only insert rows.
 */
export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { db, clock, definitions } = options;
  const byKind = new Map(definitions.map((d) => [d.kind, d]));
  const kinds = [...byKind.keys()];
  const workerId = `${hostname()}:${process.pid}:${newId().slice(-12)}`;
  const random = options.random ?? Math.random;
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  let draining: Promise<number> | null = null;
  let wakeAgain = false;
  let unsubscribe: (() => void) | undefined;

  async function runOne(row: JobRow): Promise<void> {
    const definition = byKind.get(row.kind);
    if (!definition) return;
    const leaseMs = definition.leaseMs ?? 60_000;
    const renew = setInterval(
      () => {
        const until = new Date(clock.nowMs() + leaseMs).toISOString();
        renewLease(db, row.id, workerId, until).catch(() => {});
      },
      Math.max(1_000, leaseMs / 3),
    );
    renew.unref();
    const maxAttempts = row.max_attempts;
    try {
      if (row.attempts > maxAttempts)
        throw new Error("gave up: the job's worker stopped while running it too many times");
      await definition.run({
        id: row.id,
        kind: row.kind,
        orgId: row.org_id,
        payload: JSON.parse(row.payload) as unknown,
        attempt: row.attempts,
      });
      const now = clock.now();
      const recurring = definition.everyMs;
      await db.transaction().execute(async (trx) => {
        const finished = await finishJob(trx, row.id, workerId, now.toISOString());
        if (finished && recurring)
          await enqueueRecurring(trx, definition, new Date(now.getTime() + recurring));
      });
    } catch (error) {
      const now = clock.now();
      const permanent = definition.isPermanent?.(error) ?? false;
      const retry = !permanent && row.attempts < maxAttempts;
      const runAt = retry
        ? new Date(now.getTime() + retryDelayMs(row.attempts, random(), definition.backoff)).toISOString()
        : null;
      options.log?.warn({ job: row.id, kind: row.kind, attempt: row.attempts, retry }, "job failed");
      await db.transaction().execute(async (trx) => {
        await failJob(trx, {
          id: row.id,
          workerId,
          now: now.toISOString(),
          error: jobErrorText(error),
          runAt,
        });
        // A recurring job that failed for good still comes back at its next time.
        if (!retry && definition.everyMs) {
          await enqueueRecurring(trx, definition, new Date(now.getTime() + definition.everyMs));
        }
      });
    } finally {
      clearInterval(renew);
    }
  }

  async function claimAndRun(): Promise<number> {
    if (kinds.length === 0) return 0;
    const now = clock.now();
    const longestLease = Math.max(...definitions.map((d) => d.leaseMs ?? 60_000));
    const rows = await claimDueJobs(db, {
      workerId,
      now: now.toISOString(),
      leaseUntil: new Date(now.getTime() + longestLease).toISOString(),
      limit: options.concurrency,
      kinds,
    });
    await Promise.all(rows.map(runOne));
    return rows.length;
  }

  async function drain(): Promise<number> {
    let total = 0;
    for (;;) {
      wakeAgain = false;
      const ran = await claimAndRun();
      total += ran;
      if (ran === 0 && !wakeAgain) return total;
    }
  }

  function kick(): void {
    if (draining) {
      wakeAgain = true;
      return;
    }
    draining = drain()
      .catch((error: unknown) => {
        options.log?.warn({ err: jobErrorText(error) }, "job runner could not claim jobs");
        return 0;
      })
      .finally(() => {
        draining = null;
      });
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      kick();
      schedule();
    }, options.pollMs);
    timer.unref();
  }

  async function seedRecurring(): Promise<void> {
    const now = clock.now();
    for (const definition of definitions) {
      if (definition.everyMs) await enqueueRecurring(db, definition, now);
    }
  }

  return {
    workerId,
    seedRecurring,
    async start() {
      if (!stopped) return;
      stopped = false;
      await seedRecurring();
      unsubscribe = onJobEnqueued(db, () => {
        if (!stopped) kick();
      });
      kick();
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      unsubscribe?.();
      if (draining) await draining;
    },
    async runDue() {
      if (draining) await draining;
      return drain();
    },
  };
}

function enqueueRecurring(db: Parameters<typeof enqueueJob>[0], definition: JobDefinition, runAt: Date) {
  return enqueueJob(db, runAt, {
    kind: definition.kind,
    uniqueKey: `recurring:${definition.kind}`,
    runAt,
    maxAttempts: definition.maxAttempts ?? 3,
  });
}
