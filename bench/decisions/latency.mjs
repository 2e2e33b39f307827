// Issue 3: check latency at 1,000,000 memberships vs at 1,000 (people with the same shape), in a process
// of its own (run.mjs runs it as a part):
//   npm run build:server && node bench/decisions/latency.mjs   (--json: the row as JSON on stdout)
import { fileURLToPath } from "node:url";
import { evaluate } from "../../dist/domain/access/evaluate.js";
import { compilePolicy } from "../../dist/domain/access/policy.js";
import { generatePolicy, NOW_MS } from "./policy.mjs";
import {
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

/**
 * Every check is asked once (all distinct), so that the engine's decision memo does not turn the
 * rounds after the first into lookups; round 0 warms up (and fills the memo to its limit). Timed by
 * this thread's CPU time (see threadCpuSeconds).
 */
export function latencyFigure(part) {
  const sizes = [];
  for (const people of [1_000, 1_000_000]) {
    const org = generatePolicy({ people, seed: 7 });
    const compiled = compilePolicy(org.data);
    const inputs = distinctChecks(org.data, LATENCY_CHECKS * (LATENCY_ROUNDS + 1), 404).map(toInput);
    org.data = null;
    sizes.push({ people, policy: compiled, inputs, ns: [] });
    progress(`${fmt(people)} memberships ready`);
  }
  for (let round = 0; round < LATENCY_ROUNDS + 1; round++) {
    for (const size of sizes) {
      const started = threadCpuSeconds();
      for (let i = round * LATENCY_CHECKS; i < (round + 1) * LATENCY_CHECKS; i++)
        evaluate(size.policy, size.inputs[i], NOW_MS);
      if (round > 0) size.ns.push(((threadCpuSeconds() - started) * 1e9) / LATENCY_CHECKS);
      if (process.env.BENCH_VERBOSE) progress(`round ${round} at ${fmt(size.people)} done`);
    }
  }
  const [small, large] = sizes.map((s) => median(s.ns));
  const latencyRatio = median(sizes[1].ns.map((ns, i) => ns / sizes[0].ns[i]));
  progress(
    `per round: 1,000: ${sizes[0].ns.map((n) => fmt(n)).join(" ")} ns; 1,000,000: ${sizes[1].ns.map((n) => fmt(n)).join(" ")} ns`,
  );
  return figure({
    part,
    name: "check latency, 1,000,000 vs 1,000 memberships",
    ours: large,
    peer: small,
    peerName: "at 1,000",
    unit: "ns",
    ratio: latencyRatio,
    target: 1.5,
    better: "lower",
    note: `memberships = people in the org, each with the same shape (role mix, 1–3 teams, projects); ${fmt(LATENCY_CHECKS)} distinct random checks over all people per round, each asked once, main-thread CPU time per check, median of ${LATENCY_ROUNDS} interleaved rounds after a warm-up round (ratio: median of per-round ratios)`,
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureNodeFlags(fileURLToPath(import.meta.url), { heapMiB: 8192 });
  const row = latencyFigure("in-process");
  if (process.argv.includes("--json")) {
    process.stdout.write(`${JSON.stringify({ machine: machineLine(), rows: [row], disagreements: [] })}\n`);
  } else {
    console.log(`Gatehouse check latency (${machineLine()})`);
    printTable([row]);
  }
}
