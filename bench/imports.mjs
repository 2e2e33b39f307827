// Issue 4, bulk invitations: a CSV of 1k, 10k and 100k rows imported end to end (stream parse, validate,
// dedupe, write invitations + report rows + audit in chunk transactions) on SQLite and, when
// TEST_DATABASE_URL is set, PostgreSQL. Each size runs in a FRESH child process, so its peak RSS
// (process.resourceUsage().maxRSS) is its own; the 100k / 1k ratio is the "flat memory" figure.
// Side by side in the same run: the same 10k invitations one by one through our single-invitation API
// (app.inject, no network) and through better-auth's organization plugin `createInvitation` on its own
// better-sqlite3 database.
// Run: npm run bench:imports   (BENCH_SIZES=1000,10000,100000  BENCH_PEER_ROWS=10000)
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SIZES = (process.env.BENCH_SIZES ?? "1000,10000,100000").split(",").map(Number);
const PEER_ROWS = Number(process.env.BENCH_PEER_ROWS ?? 10000);
const PG = process.env.TEST_DATABASE_URL;

function csvOf(rows) {
  const lines = ["email,first_name,last_name,role,department,manager_email"];
  for (let n = 0; n < rows; n++) {
    // 1 row in 50 is bad, 1 in 100 a duplicate of an earlier one: the validation and dedupe paths run.
    if (n % 50 === 49) lines.push(`broken-${n},B,C,member,eng,`);
    else if (n % 100 === 98) lines.push(`p${n - 10}@bench.test,Dup,Row,member,eng,`);
    else
      lines.push(
        `p${n}@bench.test,First${n},Last${n},${n % 10 === 0 ? "admin" : "member"},dept${n % 20},m${n % 100}@bench.test`,
      );
  }
  return `${lines.join("\n")}\n`;
}

async function openBenchDeps(dialect) {
  const { loadConfig } = await import(path.join(ROOT, "dist/config.js"));
  const { openDeps } = await import(path.join(ROOT, "dist/deps.js"));
  const dataDir = mkdtempSync(path.join(tmpdir(), "bench-import-"));
  let cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
  let overrides = { dataDir, logLevel: "warn" };
  if (dialect === "pg") {
    const pg = (await import("pg")).default;
    const schema = `bench_import_${process.pid}_${Date.now()}`;
    const client = new pg.Client(PG);
    await client.connect();
    await client.query(`create schema ${schema}`);
    const url = new URL(PG);
    url.searchParams.set("options", `-c search_path=${schema}`);
    overrides = { ...overrides, databaseUrl: url.toString() };
    const dropDir = cleanup;
    cleanup = async () => {
      await client.query(`drop schema ${schema} cascade`);
      await client.end();
      await dropDir();
    };
  }
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const config = loadConfig(env, overrides);
  // A cheap hasher: the admin's password is not what is measured.
  const passwords = { hash: async (p) => `plain:${p}`, verify: async (h, p) => h === `plain:${p}` };
  const deps = await openDeps(config, { passwords });
  return { deps, config, cleanup };
}

async function newOrg(deps) {
  const { systemContext } = await import(path.join(ROOT, "dist/services/context.js"));
  const { createOrganization } = await import(path.join(ROOT, "dist/services/orgs/create-organization.js"));
  const result = await createOrganization(systemContext(deps, "cli"), {
    name: "Bench",
    plan: "enterprise",
    admin: { email: "admin@bench.test", name: "Ada", password: "correct horse battery" },
  });
  return result.org.id;
}

async function childImport(file, dialect) {
  const { createReadStream } = await import("node:fs");
  const { systemContext } = await import(path.join(ROOT, "dist/services/context.js"));
  const { runImport } = await import(path.join(ROOT, "dist/services/imports/run-import.js"));
  const { sha256OfFile } = await import(path.join(ROOT, "dist/services/imports/spool-csv.js"));
  const { deps, cleanup } = await openBenchDeps(dialect);
  const orgId = await newOrg(deps);
  const started = performance.now();
  const sha256 = await sha256OfFile(file);
  const result = await runImport(systemContext(deps, "cli"), {
    orgId,
    open: () => createReadStream(file),
    sha256,
    idempotencyKey: sha256,
    dryRun: false,
  });
  const ms = performance.now() - started;
  const maxRssKiB = process.resourceUsage().maxRSS;
  // What the import left behind, after a full collection: the peak above is mostly garbage V8 had not
  // collected yet (it lets the old generation grow to a few times the live heap between major GCs).
  globalThis.gc?.();
  const liveHeapKiB = process.memoryUsage().heapUsed / 1024;
  await deps.close();
  await cleanup();
  return { ms, maxRssKiB, liveHeapKiB, rows: result.import.total_rows, invited: result.import.invited };
}

async function childSingleApi(rows) {
  const { buildApp } = await import(path.join(ROOT, "dist/http/app.js"));
  const { deps, config, cleanup } = await openBenchDeps("sqlite");
  const orgId = await newOrg(deps);
  const app = await buildApp(deps);
  const origin = new URL(config.publicUrl).origin;
  const login = await app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    headers: { origin },
    payload: { email: "admin@bench.test", password: "correct horse battery" },
  });
  const cookie = String(login.headers["set-cookie"]).split(";")[0];
  const started = performance.now();
  for (let n = 0; n < rows; n++) {
    const response = await app.inject({
      method: "POST",
      url: `/api/v1/orgs/${orgId}/invitations`,
      headers: { origin, cookie },
      payload: { email: `p${n}@bench.test`, role: "member", department: `dept${n % 20}` },
    });
    if (response.statusCode !== 201)
      throw new Error(`single invite ${n}: ${response.statusCode} ${response.body}`);
  }
  const ms = performance.now() - started;
  await app.close();
  await deps.close();
  await cleanup();
  return { ms, rows };
}

async function childBetterAuth(rows) {
  const Database = (await import("better-sqlite3")).default;
  const { betterAuth } = await import("better-auth");
  const { organization } = await import("better-auth/plugins");
  const { getMigrations } = await import("better-auth/db/migration");
  const dir = mkdtempSync(path.join(tmpdir(), "bench-better-auth-"));
  const db = new Database(path.join(dir, "auth.db"));
  db.pragma("journal_mode = WAL");
  const auth = betterAuth({
    database: db,
    secret: "bench-secret-bench-secret-bench-secret-1234",
    baseURL: "http://localhost",
    emailAndPassword: { enabled: true },
    plugins: [organization({ membershipLimit: 1e9, invitationLimit: 1e9 })],
    logger: { disabled: true },
  });
  await (await getMigrations(auth.options)).runMigrations();
  const signUp = await auth.api.signUpEmail({
    body: { email: "admin@bench.test", password: "correct horse battery", name: "Ada" },
    returnHeaders: true,
  });
  const headers = new Headers({ cookie: signUp.headers.get("set-cookie").split(";")[0] });
  const org = await auth.api.createOrganization({ body: { name: "Bench", slug: "bench" }, headers });
  const started = performance.now();
  for (let n = 0; n < rows; n++) {
    await auth.api.createInvitation({
      body: { email: `p${n}@bench.test`, role: "member", organizationId: org.id },
      headers,
    });
  }
  const ms = performance.now() - started;
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return { ms, rows };
}

function inChild(args) {
  const result = spawnSync(
    process.execPath,
    ["--expose-gc", fileURLToPath(import.meta.url), "--child", ...args],
    {
      encoding: "utf8",
      maxBuffer: 1 << 24,
    },
  );
  if (result.status !== 0) throw new Error(`child ${args.join(" ")} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split("\n").pop());
}

const mib = (kib) => (kib / 1024).toFixed(1);

if (process.argv[2] === "--child") {
  const [, , , kind, a, b] = process.argv;
  const out =
    kind === "import"
      ? await childImport(a, b)
      : kind === "api"
        ? await childSingleApi(Number(a))
        : await childBetterAuth(Number(a));
  process.stdout.write(`${JSON.stringify(out)}\n`);
  process.exit(0);
}

const work = mkdtempSync(path.join(tmpdir(), "bench-import-csv-"));
const files = new Map();
for (const size of SIZES) {
  const file = path.join(work, `rows-${size}.csv`);
  writeFileSync(file, csvOf(size));
  files.set(size, file);
}

console.log(
  `Bulk import, ${SIZES.join(" / ")} rows (team format, 2% invalid, 1% duplicates), each in a fresh process`,
);
for (const dialect of PG ? ["sqlite", "pg"] : ["sqlite"]) {
  const results = new Map();
  for (const size of SIZES) {
    const r = inChild(["import", files.get(size), dialect]);
    results.set(size, r);
    const rate = Math.round((size / r.ms) * 1000);
    console.log(
      `  ${dialect.padEnd(6)} ${String(size).padStart(6)} rows: ${r.ms.toFixed(0).padStart(6)} ms  ${String(rate).padStart(6)} rows/s  peak RSS ${mib(r.maxRssKiB)} MiB  live heap after GC ${mib(r.liveHeapKiB)} MiB  (invited ${r.invited})`,
    );
  }
  const sorted = [...SIZES].sort((a, b) => a - b);
  const small = results.get(sorted[0]);
  const large = results.get(sorted.at(-1));
  console.log(
    `  ${dialect}: peak RSS ${sorted.at(-1)} vs ${sorted[0]} rows = ${(large.maxRssKiB / small.maxRssKiB).toFixed(2)}x (goal < 1.5x)`,
  );
  if (sorted.length > 2) {
    // Past a few thousand rows V8's young generation has grown to its maximum and (SQLite) the page
    // cache is full: growth from there on is per-row memory, kept or promoted garbage.
    const middle = results.get(sorted.at(-2));
    console.log(
      `  ${dialect}: peak RSS ${sorted.at(-1)} vs ${sorted.at(-2)} rows = ${(large.maxRssKiB / middle.maxRssKiB).toFixed(2)}x`,
    );
  }
  if (dialect === "sqlite" && results.has(PEER_ROWS)) {
    const ours = results.get(PEER_ROWS);
    console.log(`\nThe same ${PEER_ROWS} invitations, side by side (SQLite):`);
    console.log(`  import (one file)              ${ours.ms.toFixed(0).padStart(7)} ms  (goal < 2000 ms)`);
    const api = inChild(["api", String(PEER_ROWS)]);
    console.log(
      `  our single-invitation API x${PEER_ROWS} ${api.ms.toFixed(0).padStart(7)} ms  = ${(api.ms / ours.ms).toFixed(1)}x the import`,
    );
    const ba = inChild(["better-auth", String(PEER_ROWS)]);
    console.log(
      `  better-auth createInvitation x${PEER_ROWS} ${ba.ms.toFixed(0).padStart(7)} ms  = ${(ba.ms / ours.ms).toFixed(1)}x the import (goal >= 10x)`,
    );
  }
  console.log("");
}
rmSync(work, { recursive: true, force: true });
