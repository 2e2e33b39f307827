// Server CPU per check at a steady open-loop rate, for comparing builds: each build's server (and the
// hello-world route) answers the same checks at BENCH_RATE requests/s (default 8,000) in interleaved
// rounds, and the server's CPU time (all its threads, from /proc) is divided by the checks answered.
// Steadier than throughput under saturation on a small machine, where the load generator and the
// server share the cores: a change of a few percent shows. Prints the median of the rounds.
//   npm run build:server && node bench/decisions/cpu-per-check.mjs
//   BENCH_BUILDS="/path/to/other/checkout;." node bench/decisions/cpu-per-check.mjs   (each built)
//   --batch: batches of 100 checks instead of single checks (no hello-world route then)
import path from "node:path";
import { cpuSeconds, paced, rawPost } from "./load.mjs";
import { generatePolicy } from "./policy.mjs";
import { buildRoots, fmt, median, progress } from "./report.mjs";
import { checkBody, startGatehouse, startHello } from "./servers.mjs";
import { agentChecks } from "./workload.mjs";

const BATCH = process.argv.includes("--batch") ? 100 : 1;
const RATE = Number(process.env.BENCH_RATE ?? (BATCH > 1 ? 1_000 : 8_000));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const roots = buildRoots();
const builds = roots.length > 0 ? roots : [path.resolve(".")];

const generated = generatePolicy({ people: 10_000 });
const checks = agentChecks(generated.data, Math.max(64 * BATCH, 1_024), 707);
const bodies =
  BATCH > 1
    ? Array.from({ length: 64 }, (_, i) =>
        JSON.stringify({ checks: checks.slice(i * BATCH, (i + 1) * BATCH).map(checkBody) }),
      )
    : checks.map((c) => JSON.stringify(checkBody(c)));
const servers = [];
const targets = [];
try {
  for (const [i, root] of builds.entries()) {
    const gate = await startGatehouse(structuredClone(generated), { root });
    servers.push(gate);
    const url = `/api/v1/orgs/${gate.orgId}/check${BATCH > 1 ? "/batch" : ""}`;
    const headers = { "Content-Type": "application/json", authorization: gate.headers.authorization };
    targets.push({
      name: `${i + 1}: ${root}`,
      pid: gate.server.pid,
      port: gate.port,
      buffers: bodies.map((b) => rawPost(url, gate.port, headers, b)),
    });
  }
  if (BATCH === 1) {
    const hello = await startHello();
    servers.push(hello);
    const headers = { "Content-Type": "application/json" };
    targets.push({
      name: "hello-world route",
      pid: hello.server.pid,
      port: hello.port,
      buffers: bodies.map((b) => rawPost("/check", hello.port, headers, b)),
    });
  }
  for (const t of targets) {
    t.us = [];
    await paced({ port: t.port, buffers: t.buffers, rate: RATE, seconds: 2 });
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const t of targets) {
      const before = cpuSeconds(t.pid);
      const r = await paced({ port: t.port, buffers: t.buffers, rate: RATE, seconds: SECONDS });
      t.us.push(((cpuSeconds(t.pid) - before) * 1e6) / (r.count * BATCH));
    }
    progress(`round ${round + 1} of ${ROUNDS}`);
  }
  console.log(
    `Server CPU per check at ${fmt(RATE)} requests/s${BATCH > 1 ? ` of ${BATCH} checks` : ""}, median of ${ROUNDS} rounds of ${SECONDS} s`,
  );
  for (const t of targets) {
    console.log(
      `${fmt(median(t.us), 2).padStart(8)} µs  ${t.name}  (rounds: ${t.us.map((u) => fmt(u, 1)).join(", ")})`,
    );
  }
} finally {
  for (const s of servers) await s.stop();
}
