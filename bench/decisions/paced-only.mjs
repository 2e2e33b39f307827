// Working on the p99 figure alone: Gatehouse and the hello-world route at a steady 5,000 requests/s,
// side by side in alternating 20 ms slices of one schedule, as in http.mjs (BENCH_SLICE_MS to change
// the slice; BENCH_RATE for another rate than the figure's). BENCH_GATEHOUSE_FLAGS="--trace-gc" prints
// the server's GC log lines over 5 ms after the run.
//   npm run build:server && node bench/decisions/paced-only.mjs
import { pacedSideBySide, rawPost } from "./load.mjs";
import { generatePolicy } from "./policy.mjs";
import { fmt, median, progress } from "./report.mjs";
import { checkBody, startGatehouse, startHello } from "./servers.mjs";
import { agentChecks } from "./workload.mjs";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_RATE_SECONDS ?? 8);
const SLICE_MS = Number(process.env.BENCH_SLICE_MS ?? 20);
const RATE = Number(process.env.BENCH_RATE ?? 5_000);
const generated = generatePolicy({ people: 10_000 });
const gate = await startGatehouse(generated);
const hello = await startHello();
const bodies = agentChecks(generated.data, 1_024, 404).map((c) => JSON.stringify(checkBody(c)));
const path = `/api/v1/orgs/${gate.orgId}/check`;
const auth = { "Content-Type": "application/json", authorization: gate.headers.authorization };
const targets = [
  { port: gate.port, buffers: bodies.map((b) => rawPost(path, gate.port, auth, b)) },
  {
    port: hello.port,
    buffers: bodies.map((b) => rawPost("/check", hello.port, { "Content-Type": "application/json" }, b)),
  },
];
const pace = (seconds) => pacedSideBySide({ targets, rate: RATE, seconds, sliceMs: SLICE_MS });
try {
  await pace(2);
  const ratios = [];
  for (let round = 0; round < ROUNDS; round++) {
    const [g, h] = await pace(SECONDS);
    ratios.push(g.p99 / h.p99);
    const line = (r) => `p50 ${fmt(r.p50, 3)} ms, p99 ${fmt(r.p99, 3)} ms, answered ${fmt(r.achieved)}/s`;
    progress(
      `round ${round + 1}: gatehouse ${line(g)}; hello ${line(h)}; p99 ratio ${fmt(g.p99 / h.p99, 2)}`,
    );
  }
  console.log(`p99 ratio, median of ${ROUNDS} rounds: ${fmt(median(ratios), 2)}x`);
} finally {
  const log = gate.server.output();
  await gate.stop();
  await hello.stop();
  for (const line of log.split("\n")) {
    const ms = /, ([\d.]+) \/ [\d.]+ ms/.exec(line);
    if (ms && Number(ms[1]) > 5) console.log(line.slice(0, 160));
  }
}
