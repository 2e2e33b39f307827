// Issue 3: check latency at 1,000,000 memberships vs at 1,000 (people with the same shape), in a process
// of its own (run.mjs runs it as a part):
//   npm run build:server && node bench/decisions/latency.mjs   (--json: the row as JSON on stdout)
// To compare builds of the engine side by side (each checkout built with `npm run build:server`), all
// of them in one heap, their rounds interleaved, a figure for each:
//   BENCH_BUILDS="/path/to/other/checkout;." node bench/decisions/latency.mjs
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { evaluate } from "../../dist/domain/access/evaluate.js";
import { compilePolicy } from "../../dist/domain/access/policy.js";
import { generatePolicy, NOW_MS } from "./policy.mjs";
import {
  buildRoots,
  ensureNodeFlags,
  figure,
  fmt,
  machineLine,
  median,
  printTable,
  progress,
  threadCpuSeconds,
} from "./report.mjs";
import { distinctChecks, toInput } from "./workload.mjs";

const LATENCY_CHECKS = 250_000;
const LATENCY_ROUNDS = Number(process.env.BENCH_LATENCY_ROUNDS ?? 6);
const SIZES = [1_000, 1_000_000];

/** The engine of this checkout's build. */
const THIS_BUILD = { name: "", evaluate, compilePolicy };

/** The engine of another checkout's build (its dist/), named by its path. */
async function engineOf(root) {
  const dist = (file) => pathToFileURL(path.join(root, "dist/domain/access", file)).href;
  const [{ evaluate }, { compilePolicy }] = await Promise.all([
    import(dist("evaluate.js")),
    import(dist("policy.js")),
  ]);
  return { name: root, evaluate, compilePolicy };
}

/**
 * Every check is asked once (all distinct), so that the engine's decision memo does not turn the
 * rounds after the first into lookups; round 0 warms up (and fills the memo to its limit). Timed by
 * this thread's CPU time (see threadCpuSeconds). With several engines, each compiles its own policy
 * from the same rows and answers the same checks; the rounds run every (engine, size) in turn.
 */
export function latencyFigures(part, engines = [THIS_BUILD]) {
  const runs = [];
  for (const people of SIZES) {
    const org = generatePolicy({ people, seed: 7 });
    const inputs = distinctChecks(org.data, LATENCY_CHECKS * (LATENCY_ROUNDS + 1), 404).map(toInput);
    for (const engine of engines)
      runs.push({ engine, people, policy: engine.compilePolicy(org.data), inputs, ns: [] });
    org.data = null;
    progress(`${fmt(people)} memberships ready`);
  }
  for (let round = 0; round < LATENCY_ROUNDS + 1; round++) {
    // Alternate the order, so that no run always follows the same one.
    for (const run of round % 2 === 0 ? runs : [...runs].reverse()) {
      const started = threadCpuSeconds();
      for (let i = round * LATENCY_CHECKS; i < (round + 1) * LATENCY_CHECKS; i++)
        run.engine.evaluate(run.policy, run.inputs[i], NOW_MS);
      if (round > 0) run.ns.push(((threadCpuSeconds() - started) * 1e9) / LATENCY_CHECKS);
      if (process.env.BENCH_VERBOSE) progress(`round ${round} at ${fmt(run.people)} done`);
    }
  }
  return engines.map((engine) => {
    const [small, large] = SIZES.map((people) =>
      runs.find((r) => r.engine === engine && r.people === people),
    );
    progress(
      `${engine.name ? `${engine.name}: ` : ""}per round: 1,000: ${small.ns.map((n) => fmt(n)).join(" ")} ns; 1,000,000: ${large.ns.map((n) => fmt(n)).join(" ")} ns`,
    );
    return figure({
      part,
      name: `check latency, 1,000,000 vs 1,000 memberships${engine.name ? ` (${engine.name})` : ""}`,
      ours: median(large.ns),
      peer: median(small.ns),
      peerName: "at 1,000",
      unit: "ns",
      ratio: median(large.ns.map((ns, i) => ns / small.ns[i])),
      target: 1.5,
      better: "lower",
      note: `memberships = people in the org, each with the same shape (role mix, 1–3 teams, projects); ${fmt(LATENCY_CHECKS)} distinct random checks over all people per round, each asked once, main-thread CPU time per check, median of ${LATENCY_ROUNDS} interleaved rounds after a warm-up round (ratio: median of per-round ratios)`,
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const builds = buildRoots();
  ensureNodeFlags(fileURLToPath(import.meta.url), { heapMiB: 8192 * Math.max(1, builds.length) });
  const engines = builds.length === 0 ? [THIS_BUILD] : await Promise.all(builds.map(engineOf));
  const rows = latencyFigures("in-process", engines);
  if (process.argv.includes("--json")) {
    process.stdout.write(`${JSON.stringify({ machine: machineLine(), rows, disagreements: [] })}\n`);
  } else {
    console.log(`Gatehouse check latency (${machineLine()})`);
    printTable(rows);
  }
}
