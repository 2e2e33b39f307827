// Issue 2's figures, each side by side with a peer in the same run:
//   startup time (spawn -> first 200 from /healthz), idle memory (RSS after settling),
//   and 1,000 invitations created over HTTP, one request at a time and 10 at a time.
// Peer: bench/peers/hello-fastify.mjs, a bare Fastify + better-sqlite3 service doing one insert per POST.
// Run: npm run build && node bench/first-run.mjs
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const INVITES = Number(process.env.BENCH_INVITES ?? 1000);

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rssMiB = (pid) => {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith("VmRSS:"));
  return Number(line.replace(/\D+/g, "")) / 1024;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function launch(kind) {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), `bench-${kind}-`));
  const env = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
    PUBLIC_URL: `http://127.0.0.1:${port}`,
  };
  delete env.DATABASE_URL;
  const args =
    kind === "gatehouse"
      ? [path.join(ROOT, "bin/gatehouse.js"), "serve"]
      : [path.join(ROOT, "bench/peers/hello-fastify.mjs")];
  const started = performance.now();
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "inherit"] });
  let stdout = "";
  child.stdout.on("data", (c) => (stdout += c));
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {}
    if (child.exitCode !== null) throw new Error(`${kind} exited: ${stdout}`);
    await sleep(2);
  }
  const startupMs = performance.now() - started;
  return {
    child,
    base,
    startupMs,
    stdout: () => stdout,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function setupGatehouse(server) {
  const token = /setup#token=([A-Za-z0-9_-]{43})/.exec(server.stdout())?.[1];
  if (!token) throw new Error("no setup link printed");
  const res = await fetch(`${server.base}/api/v1/setup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      token,
      orgName: "Bench",
      plan: "enterprise",
      adminEmail: "admin@bench.test",
      adminName: "Admin",
      adminPassword: "bench-password-1",
    }),
  });
  if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get("set-cookie").split(";")[0];
  return { orgId: (await res.json()).org.id, cookie };
}

async function timeRequests(count, concurrency, send) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++) {
        const res = await send(i);
        if (res.status !== 201) throw new Error(`request ${i}: ${res.status} ${await res.text()}`);
      }
    }),
  );
  return performance.now() - started;
}

const results = { gatehouse: { startup: [], rss: [] }, peer: { startup: [], rss: [] } };
for (let run = 0; run < RUNS; run++) {
  for (const kind of ["gatehouse", "peer"]) {
    const server = await launch(kind);
    await sleep(1500);
    results[kind].startup.push(server.startupMs);
    results[kind].rss.push(rssMiB(server.child.pid));
    await server.stop();
  }
}

const invites = {};
for (const concurrency of [1, 10]) {
  const gate = await launch("gatehouse");
  const { orgId, cookie } = await setupGatehouse(gate);
  const gateMs = await timeRequests(INVITES, concurrency, (i) =>
    fetch(`${gate.base}/api/v1/orgs/${orgId}/invitations`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, origin: gate.base },
      body: JSON.stringify({ email: `person${i}@bench.test`, role: i % 10 === 0 ? "admin" : "member" }),
    }),
  );
  await gate.stop();
  const peer = await launch("peer");
  const peerMs = await timeRequests(INVITES, concurrency, (i) =>
    fetch(`${peer.base}/items`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: `person${i}@bench.test`, role: "member" }),
    }),
  );
  await peer.stop();
  invites[concurrency] = { gateMs, peerMs };
}

const fmt = (n, d = 1) => n.toFixed(d);
const g = results.gatehouse;
const p = results.peer;
console.log(`Gatehouse first-run benchmark (${RUNS} runs, median; node ${process.version}, SQLite)`);
console.log(
  `startup to first /healthz  gatehouse ${fmt(median(g.startup))} ms   peer ${fmt(median(p.startup))} ms   ratio ${fmt(median(g.startup) / median(p.startup), 2)}x`,
);
console.log(
  `idle RSS                   gatehouse ${fmt(median(g.rss))} MiB  peer ${fmt(median(p.rss))} MiB  ratio ${fmt(median(g.rss) / median(p.rss), 2)}x`,
);
for (const [c, { gateMs, peerMs }] of Object.entries(invites)) {
  console.log(
    `${INVITES} invitations over HTTP, ${c} at a time: gatehouse ${fmt(gateMs, 0)} ms (${fmt((INVITES / gateMs) * 1000, 0)}/s)   peer ${fmt(peerMs, 0)} ms (${fmt((INVITES / peerMs) * 1000, 0)}/s)   ratio ${fmt(gateMs / peerMs, 2)}x`,
  );
}
