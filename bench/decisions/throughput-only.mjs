// Working on the single-check throughput figure alone: Gatehouse (`gatehouse serve`, the 10,000-person
// org) and the hello-world route under the same autocannon settings as http.mjs, a warm-up and then
// BENCH_ROUNDS interleaved rounds; prints req/s and requests per server CPU-second, and their ratios.
// BENCH_GATEHOUSE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" writes the server's CPU profile.
//   npm run build:server && node bench/decisions/throughput-only.mjs
import { throughput } from "./load.mjs";
import { generatePolicy } from "./policy.mjs";
import { fmt, median, progress } from "./report.mjs";
import { checkBody, startGatehouse, startHello } from "./servers.mjs";
import { agentChecks } from "./workload.mjs";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const generated = generatePolicy({ people: 10_000 });
const gate = await startGatehouse(generated);
const hello = await startHello();
const bodies = agentChecks(generated.data, 1_024, 707).map((c) => JSON.stringify(checkBody(c)));
const targets = {
  gatehouse: {
    url: `${gate.base}/api/v1/orgs/${gate.orgId}/check`,
    headers: gate.headers,
    pid: gate.server.pid,
  },
  hello: {
    url: `${hello.base}/check`,
    headers: { "content-type": "application/json" },
    pid: hello.server.pid,
  },
};
const run = (t, seconds) =>
  throughput({ url: t.url, headers: t.headers, bodies, connections: 32, seconds, serverPid: t.pid });
const results = { gatehouse: [], hello: [] };
try {
  for (const t of Object.values(targets)) await run(t, 2);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, t] of Object.entries(targets)) {
      const r = await run(t, SECONDS);
      results[name].push(r);
      progress(
        `round ${round + 1} ${name}: ${fmt(r.rps)} req/s, ${fmt(r.rps / r.serverCpu)} per server CPU-second`,
      );
    }
  }
  const ratio = (f) => median(results.gatehouse.map((r, i) => f(r) / f(results.hello[i])));
  console.log(
    `gatehouse / hello: ${ratio((r) => r.rps).toFixed(2)}x req/s, ${ratio((r) => r.rps / r.serverCpu).toFixed(2)}x per server CPU-second`,
  );
} finally {
  await gate.stop();
  await hello.stop();
}
