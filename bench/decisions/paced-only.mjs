// Working on the p99 figure alone: Gatehouse and the hello-world route at a steady 5,000 requests/s,
// rounds interleaved, as in http.mjs. BENCH_GATEHOUSE_FLAGS="--trace-gc" prints the server's GC log
// lines over 5 ms after the run.
//   npm run build:server && node bench/decisions/paced-only.mjs
import { paced, rawPost } from "./load.mjs";
import { generatePolicy } from "./policy.mjs";
import { fmt, progress } from "./report.mjs";
import { checkBody, startGatehouse, startHello } from "./servers.mjs";
import { agentChecks } from "./workload.mjs";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_RATE_SECONDS ?? 8);
const generated = generatePolicy({ people: 10_000 });
const gate = await startGatehouse(generated);
const hello = await startHello();
const bodies = agentChecks(generated.data, 1_024, 404).map((c) => JSON.stringify(checkBody(c)));
const path = `/api/v1/orgs/${gate.orgId}/check`;
const auth = { "Content-Type": "application/json", authorization: gate.headers.authorization };
const targets = {
  gatehouse: { port: gate.port, buffers: bodies.map((b) => rawPost(path, gate.port, auth, b)) },
  hello: {
    port: hello.port,
    buffers: bodies.map((b) => rawPost("/check", hello.port, { "Content-Type": "application/json" }, b)),
  },
};
try {
  for (const t of Object.values(targets)) await paced({ ...t, rate: 5_000, seconds: 2 });
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, t] of Object.entries(targets)) {
      const r = await paced({ ...t, rate: 5_000, seconds: SECONDS });
      progress(
        `round ${round + 1} ${name}: p50 ${fmt(r.p50, 3)} ms, p99 ${fmt(r.p99, 3)} ms, answered ${fmt(r.achieved)}/s`,
      );
    }
  }
} finally {
  const log = gate.server.output();
  await gate.stop();
  await hello.stop();
  for (const line of log.split("\n")) {
    const ms = /, ([\d.]+) \/ [\d.]+ ms/.exec(line);
    if (ms && Number(ms[1]) > 5) console.log(line.slice(0, 160));
  }
}
