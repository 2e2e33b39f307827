// The three HTTP servers of bench/decisions/http.mjs, started the way their users start them.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase } from "../../dist/db/client.js";
import { freePort, launch } from "./load.mjs";
import { writePolicy } from "./sqlite.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const CERBOS = path.join(ROOT, "node_modules/@cerbos/cerbos-linux-x64/cerbos-linux-x64");

export const json = { "content-type": "application/json" };
export const post = async (url, body, headers = {}) => {
  const res = await fetch(url, {
    method: "POST",
    headers: { ...json, ...headers },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res;
};
export const checkBody = (c) => ({
  subject: { type: "user", id: c.userId },
  action: c.action,
  resource: { type: "agent", id: c.agentId },
});

/**
 * Gatehouse as a new user gets it: serve, set up through the printed link, make an API key. `root`:
 * the checkout whose build is served (another one, to compare two builds side by side).
 */
export async function startGatehouse(generated, { root = ROOT } = {}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "bench-gatehouse-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    PUBLIC_URL: base,
  };
  delete env.DATABASE_URL;
  // BENCH_GATEHOUSE_FLAGS: node flags for the server, to look into a figure, e.g.
  // "--cpu-prof --cpu-prof-dir=/tmp/prof" (a CPU profile written when it stops) or "--trace-gc".
  const flags = (process.env.BENCH_GATEHOUSE_FLAGS ?? "").split(" ").filter(Boolean);
  const serve = {
    name: "gatehouse",
    command: process.execPath,
    args: [...flags, path.join(root, "bin/gatehouse.js"), "serve"],
    env,
    healthUrl: `${base}/healthz`,
  };
  let server = await launch(serve);
  const token = /setup#token=([A-Za-z0-9_-]{43})/.exec(server.output())?.[1];
  if (!token) throw new Error(`no setup link printed:\n${server.output()}`);
  const setup = await post(`${base}/api/v1/setup`, {
    token,
    orgName: "Bench",
    plan: "enterprise",
    adminEmail: "admin@bench.test",
    adminName: "Admin",
    adminPassword: "bench-password-1",
  });
  const cookie = setup.headers.get("set-cookie").split(";")[0];
  const orgId = (await setup.json()).org.id;
  const key = await post(
    `${base}/api/v1/orgs/${orgId}/api-keys`,
    { kind: "personal", name: "bench", scopes: ["decisions:check"] },
    { cookie, origin: base },
  );
  const { secret } = await key.json();
  await server.stop();

  generated.data.orgId = orgId;
  const database = openDatabase({ kind: "sqlite", file: path.join(dataDir, "gatehouse.db") });
  await writePolicy(database, generated, { orgId, createOrg: false });
  await database.close();
  server = await launch(serve);
  return {
    server,
    port,
    base,
    orgId,
    headers: { ...json, authorization: `Bearer ${secret}` },
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function startCerbos() {
  const port = await freePort();
  const grpc = await freePort();
  const server = await launch({
    name: "cerbos",
    command: CERBOS,
    args: [
      "server",
      `--config=${path.join(ROOT, "bench/peers/cerbos/config.yaml")}`,
      `--set=storage.disk.directory=${path.join(ROOT, "bench/peers/cerbos/policies")}`,
      `--set=server.httpListenAddr=127.0.0.1:${port}`,
      `--set=server.grpcListenAddr=127.0.0.1:${grpc}`,
      "--log-level=error",
    ],
    // One core, as the Node servers' JavaScript gets (with pinning Go would pick 1 by itself).
    env: { ...process.env, GOMAXPROCS: "1" },
    healthUrl: `http://127.0.0.1:${port}/_cerbos/health`,
  });
  return { server, port, base: `http://127.0.0.1:${port}`, stop: () => server.stop() };
}

export async function startHello() {
  const port = await freePort();
  const server = await launch({
    name: "hello-world",
    command: process.execPath,
    args: [path.join(ROOT, "bench/peers/hello-world-fastify.mjs")],
    env: { ...process.env, PORT: String(port) },
    healthUrl: `http://127.0.0.1:${port}/healthz`,
  });
  return { server, port, base: `http://127.0.0.1:${port}`, stop: () => server.stop() };
}
