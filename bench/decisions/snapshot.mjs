// The snapshot figures: how long compilePolicy takes and how much heap the compiled policy holds,
// and the full rebuild from a SQLite database (loadPolicyData + compilePolicy), as the engine does
// after an access change.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadPolicyData } from "../../dist/db/queries/policy.js";
import { evaluate } from "../../dist/domain/access/evaluate.js";
import { compilePolicy } from "../../dist/domain/access/policy.js";
import { fmt, median, progress, threadCpuSeconds } from "./report.mjs";
import { openFreshDatabase, writePolicy } from "./sqlite.mjs";

export const REBUILDS = 5;

/** Wall and main-thread CPU milliseconds of `fn`. */
async function timed(fn) {
  const wall = performance.now();
  const cpu = threadCpuSeconds();
  const value = await fn();
  return { value, wallMs: performance.now() - wall, cpuMs: (threadCpuSeconds() - cpu) * 1000 };
}

const summary = (times) => ({
  first: times[0],
  wallMs: median(times.slice(1).map((t) => t.wallMs)),
  cpuMs: median(times.slice(1).map((t) => t.cpuMs)),
});

/** Heap in use after full collections (needs node --expose-gc). */
const heapMiB = () => {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

/** compilePolicy alone, on rows already in memory: the first build in this process, then repeated. */
export async function snapshotFigures(generated) {
  const times = [];
  let policy;
  for (let i = 0; i < REBUILDS + 1; i++) {
    const t = await timed(() => compilePolicy(generated.data));
    policy = t.value;
    times.push(t);
  }
  return { policy, ...summary(times) };
}

/**
 * The org written into a fresh SQLite file, then rebuilt from it as the engine does: the first
 * rebuild, then the median of repeats. The heap figures are what one compiled policy keeps alive once
 * the rows it was read from are garbage (strings read from the database included), as in the server:
 * fresh, and after the checks in `fill` (distinct) were decided against it.
 */
export async function rebuildFromDatabase(generated, fill, nowMs) {
  const dir = mkdtempSync(path.join(tmpdir(), "bench-decisions-"));
  const database = await openFreshDatabase(path.join(dir, "gatehouse.db"));
  const orgId = generated.data.orgId;
  try {
    const written = await timed(() => writePolicy(database, generated, { orgId, createOrg: true }));
    progress(`wrote the org into SQLite in ${fmt(written.wallMs)} ms`);
    const times = [];
    for (let i = 0; i < REBUILDS + 1; i++)
      times.push(await timed(async () => compilePolicy(await loadPolicyData(database.db, orgId))));
    const before = heapMiB();
    const policy = compilePolicy(await loadPolicyData(database.db, orgId));
    const heap = heapMiB() - before;
    // A busy org's policy also holds the decisions made against it, up to the memo's limit.
    for (const input of fill) evaluate(policy, input, nowMs);
    const heapWithMemo = heapMiB() - before;
    return { policy, heap, heapWithMemo, memoSize: policy.memo?.size ?? 0, ...summary(times) };
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
