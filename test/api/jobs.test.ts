import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { getJob, listJobsByUniqueKey } from "../../src/db/queries/jobs.js";
import { inTransaction } from "../../src/db/transaction.js";
import { type OpenedDeps, openDeps } from "../../src/deps.js";
import { enqueueJob } from "../../src/jobs/queue.js";
import { createJobRunner, type JobDefinition } from "../../src/jobs/runner.js";
import { type Clock, createFixedClock } from "../../src/lib/clock.js";
import { testHasher } from "../harness/app.js";
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from "../harness/database.js";

const opened: { deps: OpenedDeps; database: TestDatabase }[] = [];

async function open(database?: TestDatabase) {
  const db = database ?? (await createTestDatabase());
  const clock = createFixedClock();
  const deps = await openDeps({ ...loadConfig({}), database: db.config }, { clock, passwords: testHasher });
  opened.push({ deps, database: db });
  return { deps, clock, database: db };
}

afterEach(async () => {
  const all = opened.splice(0);
  for (const { deps } of all) await deps.close();
  for (const database of new Set(all.map((o) => o.database))) await database.drop();
});

function runner(deps: OpenedDeps, clock: Clock, definitions: JobDefinition[], concurrency = 4) {
  return createJobRunner({ db: deps.db, clock, definitions, pollMs: 60_000, concurrency, random: () => 0 });
}

describe("leased jobs", () => {
  it("runs a job queued in a committed transaction, once", async () => {
    const { deps, clock } = await open();
    const seen: unknown[] = [];
    const jobs = runner(deps, clock, [
      { kind: "test.echo", run: async (job) => void seen.push(job.payload) },
    ]);
    await inTransaction(deps.db, (trx) =>
      enqueueJob(trx, clock.now(), { kind: "test.echo", payload: { n: 1 } }),
    );
    expect(await jobs.runDue()).toBe(1);
    expect(await jobs.runDue()).toBe(0);
    expect(seen).toEqual([{ n: 1 }]);
  });

  it("queues nothing when the transaction rolls back", async () => {
    const { deps, clock } = await open();
    const jobs = runner(deps, clock, [{ kind: "test.echo", run: async () => {} }]);
    await expect(
      inTransaction(deps.db, async (trx) => {
        await enqueueJob(trx, clock.now(), { kind: "test.echo" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await jobs.runDue()).toBe(0);
  });

  it("retries a failing job with backoff, then marks it failed with the reason", async () => {
    const { deps, clock } = await open();
    let calls = 0;
    const jobs = runner(deps, clock, [
      {
        kind: "test.flaky",
        backoff: { baseMs: 1_000, capMs: 10_000 },
        run: async () => {
          calls += 1;
          throw new Error("421 try again later");
        },
      },
    ]);
    await enqueueJob(deps.db, clock.now(), { kind: "test.flaky", uniqueKey: "flaky", maxAttempts: 3 });
    expect(await jobs.runDue()).toBe(1);
    // Not due again until the backoff has passed.
    expect(await jobs.runDue()).toBe(0);
    clock.advance(500);
    expect(await jobs.runDue()).toBe(1);
    clock.advance(1_000);
    expect(await jobs.runDue()).toBe(1);
    clock.advance(60_000);
    expect(await jobs.runDue()).toBe(0);
    expect(calls).toBe(3);
    const [job] = await listJobsByUniqueKey(deps.db, "flaky");
    expect(job).toMatchObject({ state: "failed", attempts: 3, last_error: "421 try again later" });
  });

  it("gives up at once on a permanent failure", async () => {
    const { deps, clock } = await open();
    const jobs = runner(deps, clock, [
      {
        kind: "test.bad",
        isPermanent: () => true,
        run: async () => {
          throw new Error("550 no such user");
        },
      },
    ]);
    await enqueueJob(deps.db, clock.now(), { kind: "test.bad", uniqueKey: "bad" });
    await jobs.runDue();
    const [job] = await listJobsByUniqueKey(deps.db, "bad");
    expect(job).toMatchObject({ state: "failed", attempts: 1 });
  });

  it("keeps one unfinished job per unique key", async () => {
    const { deps, clock } = await open();
    expect(await enqueueJob(deps.db, clock.now(), { kind: "test.echo", uniqueKey: "k" })).toBe(true);
    expect(await enqueueJob(deps.db, clock.now(), { kind: "test.echo", uniqueKey: "k" })).toBe(false);
    const jobs = runner(deps, clock, [{ kind: "test.echo", run: async () => {} }]);
    await jobs.runDue();
    expect(await enqueueJob(deps.db, clock.now(), { kind: "test.echo", uniqueKey: "k" })).toBe(true);
  });

  it("takes over a job whose worker died once its lease runs out", async () => {
    const { deps, clock } = await open();
    await enqueueJob(deps.db, clock.now(), { kind: "test.slow", uniqueKey: "slow" });
    let release: () => void = () => {};
    const dying = runner(deps, clock, [
      { kind: "test.slow", leaseMs: 30_000, run: () => new Promise<void>((resolve) => (release = resolve)) },
    ]);
    const firstRun = dying.runDue();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const [claimed] = await listJobsByUniqueKey(deps.db, "slow");
    expect(claimed).toMatchObject({ state: "running", locked_by: dying.workerId });

    const survivor = runner(deps, clock, [{ kind: "test.slow", leaseMs: 30_000, run: async () => {} }]);
    expect(await survivor.runDue()).toBe(0);
    clock.advance(31_000);
    expect(await survivor.runDue()).toBe(1);
    const job = await getJob(deps.db, claimed?.id ?? "");
    expect(job).toMatchObject({ state: "done", attempts: 2 });
    // The first worker finishing late does not undo the takeover.
    release();
    await firstRun;
    expect(await getJob(deps.db, claimed?.id ?? "")).toMatchObject({ state: "done", attempts: 2 });
  });

  it("queues recurring jobs once and again after each run", async () => {
    const { deps, clock } = await open();
    let runs = 0;
    const definitions: JobDefinition[] = [
      { kind: "test.sweep", everyMs: 60_000, run: async () => void runs++ },
    ];
    const a = runner(deps, clock, definitions);
    const b = runner(deps, clock, definitions);
    await a.seedRecurring();
    await b.seedRecurring();
    expect(await a.runDue()).toBe(1);
    expect(await b.runDue()).toBe(0);
    clock.advance(60_000);
    expect(await b.runDue()).toBe(1);
    expect(runs).toBe(2);
  });

  it.runIf(TEST_DIALECT === "postgres")(
    "two instances on one PostgreSQL run each of 200 jobs exactly once",
    async () => {
      const first = await open();
      const second = await open(first.database);
      const ran = new Map<string, number>();
      const definition = (who: string): JobDefinition[] => [
        {
          kind: "test.count",
          run: async (job) => {
            await new Promise((resolve) => setTimeout(resolve, 1));
            ran.set(job.id, (ran.get(job.id) ?? 0) + 1);
            void who;
          },
        },
      ];
      for (let i = 0; i < 200; i++)
        await enqueueJob(first.deps.db, first.clock.now(), { kind: "test.count" });
      const a = runner(first.deps, first.clock, definition("a"), 8);
      const b = runner(second.deps, first.clock, definition("b"), 8);
      const [ranA, ranB] = await Promise.all([a.runDue(), b.runDue()]);
      expect(ranA + ranB).toBe(200);
      expect(ranA).toBeGreaterThan(0);
      expect(ranB).toBeGreaterThan(0);
      expect(ran.size).toBe(200);
      expect([...ran.values()].every((n) => n === 1)).toBe(true);
    },
  );
});
