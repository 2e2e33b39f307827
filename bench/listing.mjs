// Listing at scale (issue 4): an org with 10,000 members and 100,000 invitations, seeded straight into
// the database, then through our HTTP API in process (Fastify's app.inject, the full request path:
// cookie session, membership, permission, zod validation and serialization; no socket):
//   GET /members?limit=50 (first page and a deep page by cursor, ~9,000 members in), GET
//   /invitations?limit=50 (first page, a deep page ~90,000 rows in, pending only), GET
//   /invitations/dashboard. p50/p95/p99 per route, SQLite and, when TEST_DATABASE_URL is set,
//   PostgreSQL (in a fresh schema).
// Side by side: better-auth's organization plugin `listMembers` (GET /organization/list-members through
//   its own request handler, its own SQLite adapter, in process) on the same 10,000 members, first page
//   (limit 50) and a deep page (offset 9,000: its only way to page), with the ratios to ours on SQLite.
// The seed is what a running Gatehouse holds: pending invitations past their expiry were marked expired
//   by the sweep (it runs every 5 minutes), and the dashboard's counters are kept by their triggers.
// Run: npm run bench:listing   (BENCH_REQUESTS, default 400 per route;
//   TEST_DATABASE_URL=postgres://... npm run bench:listing adds PostgreSQL; BENCH_AB_DIST=other/dist
//   times another build on the same data in turns with this one, rows "<database>, BENCH_AB_DIST")
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { loadConfig } from "../dist/config.js";
import { isPostgres } from "../dist/db/client.js";
import { openDeps } from "../dist/deps.js";
import { buildApp } from "../dist/http/app.js";
import { encodeCursor } from "../dist/http/cursor.js";
import { newId } from "../dist/lib/ids.js";
import { systemContext } from "../dist/services/context.js";
import { createOrganization } from "../dist/services/orgs/create-organization.js";

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 10_000);
const INVITATIONS = Number(process.env.BENCH_INVITATIONS ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
const AB_DIST = process.env.BENCH_AB_DIST ?? null;
const PASSWORD = "correct horse battery";
const STATUSES = ["pending", "pending", "accepted", "expired", "revoked"];
const DEEP_MEMBERS = Math.floor(MEMBERS * 0.9);

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

async function seed(db, orgId, adminId) {
  const now = Date.now();
  const iso = (ms) => new Date(ms).toISOString();
  const batch = 500;
  for (let i = 0; i < MEMBERS; i += batch) {
    const users = [];
    const memberships = [];
    for (let j = i; j < Math.min(MEMBERS, i + batch); j++) {
      const id = newId();
      const at = iso(now - (MEMBERS - j) * 60_000);
      users.push({
        id,
        email: `member.${j}@bench.example`,
        name: `Member ${j}`,
        password_hash: null,
        created_at: at,
        updated_at: at,
      });
      memberships.push({
        id: newId(),
        org_id: orgId,
        user_id: id,
        role: j % 10 === 0 ? "viewer" : "member",
        department: null,
        created_at: at,
        updated_at: at,
      });
    }
    await db.insertInto("users").values(users).execute();
    await db.insertInto("memberships").values(memberships).execute();
  }
  for (let i = 0; i < INVITATIONS; i += batch) {
    const rows = [];
    for (let j = i; j < Math.min(INVITATIONS, i + batch); j++) {
      const created = now - (INVITATIONS - j) * 20_000;
      const expires = created + 7 * 86_400_000;
      const lapsed = STATUSES[j % STATUSES.length] === "pending" && expires <= now;
      const status = lapsed ? "expired" : STATUSES[j % STATUSES.length];
      rows.push({
        id: newId(),
        org_id: orgId,
        email: `invitee.${j}@bench.example`,
        role: "member",
        team_id: null,
        team_role: null,
        department: null,
        message: null,
        status,
        token_hash: `bench-${j}-${Math.random().toString(36).slice(2)}`,
        expires_at: iso(expires),
        expiry_days: 7,
        invited_by: adminId,
        idempotency_key: null,
        accepted_by: null,
        accepted_at: status === "accepted" ? iso(created + 3_600_000) : null,
        created_at: iso(created),
        updated_at: iso(created),
        expiry_recorded_at: status === "expired" ? iso(expires) : null,
      });
    }
    await db.insertInto("invitations").values(rows).execute();
  }
  // PostgreSQL's planner statistics, as autovacuum would have them after a bulk load. Not on SQLite:
  // Gatehouse never runs ANALYZE there, and with sqlite_stat1 the invitations page picks a plan that
  // sorts the org's rows (measured: p50 1.7 ms without, 700 ms with); see the issue-4 dashboard report.
  if (isPostgres(db)) await sql`analyze`.execute(db);
}

/**
 * Times each request function REQUESTS times, taking turns (a, b, a, b, ...) so that two measured side
 * by side see the same load on a shared machine. Returns p50/p95/p99 per function.
 */
async function measure(requests) {
  for (let i = 0; i < 30; i++) for (const request of requests) await request();
  const times = requests.map(() => []);
  for (let i = 0; i < REQUESTS; i++) {
    for (const [k, request] of requests.entries()) {
      const t0 = performance.now();
      await request();
      times[k].push(performance.now() - t0);
    }
  }
  return times.map((xs) => ({ p50: pct(xs, 50), p95: pct(xs, 95), p99: pct(xs, 99) }));
}

function injected(app, cookie, url) {
  return async () => {
    const res = await app.inject({ method: "GET", url, headers: { cookie } });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  };
}

const row = (database, route, { p50, p95, p99 }) => ({
  database,
  route,
  "p50 ms": p50.toFixed(2),
  "p95 ms": p95.toFixed(2),
  "p99 ms": p99.toFixed(2),
  "p95 < 5 ms": p95 < 5 ? "yes" : "no",
});

async function run(label, env, peer = null) {
  const config = loadConfig({
    PUBLIC_URL: "http://bench.test",
    LOG_LEVEL: "warn",
    RATE_LIMIT_AUTH_PER_MINUTE: "100000",
    ...env,
  });
  config.webRoot = null;
  const deps = await openDeps(config);
  const app = await buildApp(deps);
  await app.ready();
  const adminEmail = "admin@bench.example";
  const { org, admin } = await createOrganization(systemContext(deps, "cli"), {
    name: "Bench Co",
    plan: "business",
    admin: { email: adminEmail, name: "Bench Admin", password: PASSWORD },
  });
  const t0 = performance.now();
  await seed(deps.db, org.id, admin.id);
  console.log(
    `${label}: seeded ${MEMBERS} members and ${INVITATIONS} invitations in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const login = await app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { email: adminEmail, password: PASSWORD },
  });
  const cookie = String(login.headers["set-cookie"]).split(";")[0];
  const deep = await deps.db
    .selectFrom("invitations")
    .select("id")
    .where("org_id", "=", org.id)
    .orderBy("id", "desc")
    .offset(Math.floor(INVITATIONS * 0.9))
    .limit(1)
    .executeTakeFirstOrThrow();
  const deepMember = await deps.db
    .selectFrom("memberships")
    .select("id")
    .where("org_id", "=", org.id)
    .orderBy("id")
    .offset(DEEP_MEMBERS)
    .limit(1)
    .executeTakeFirstOrThrow();
  const base = `/api/v1/orgs/${org.id}`;
  const routes = [
    ["members, first page of 50", `${base}/members?limit=50`, peer?.first],
    [
      `members, deep page (cursor ~${DEEP_MEMBERS.toLocaleString("en")} in)`,
      `${base}/members?limit=50&cursor=${encodeCursor(deepMember.id)}`,
      peer?.deep,
    ],
    ["invitations, first page of 50", `${base}/invitations?limit=50`],
    [
      `invitations, deep page (cursor ~${Math.floor(INVITATIONS * 0.9).toLocaleString("en")} in)`,
      `${base}/invitations?limit=50&cursor=${encodeCursor(deep.id)}`,
    ],
    ["invitations, pending only, first page", `${base}/invitations?limit=50&status=pending`],
    ["invitation dashboard", `${base}/invitations/dashboard`],
  ];
  const other = AB_DIST ? await openOtherBuild(config, adminEmail) : null;
  const results = [];
  for (const [name, url, peerRequest] of routes) {
    const requests = [injected(app, cookie, url)];
    if (peer && peerRequest) requests.push(peerRequest);
    if (other) requests.push(injected(other.app, other.cookie, url));
    const [ours, ...rest] = await measure(requests);
    results.push({ name, ...ours });
    if (peer && peerRequest) {
      results.push({ name: peerRequest.route, database: "better-auth (sqlite)", ...rest.shift() });
    }
    if (other) results.push({ name, database: `${label}, BENCH_AB_DIST`, ...rest.shift() });
  }
  await other?.close();
  await app.close();
  await deps.close();
  return results;
}

/**
 * With BENCH_AB_DIST=path/to/another/dist (e.g. a build of main): that build's app on the same
 * database, timed in turns with this one on every route, for an A/B comparison that sees the same
 * load. Its migrations must be the ones this build applied.
 */
async function openOtherBuild(config, adminEmail) {
  const dist = path.resolve(AB_DIST);
  const { openDeps: openOtherDeps } = await import(`${dist}/deps.js`);
  const { buildApp: buildOtherApp } = await import(`${dist}/http/app.js`);
  const deps = await openOtherDeps(config);
  const app = await buildOtherApp(deps);
  await app.ready();
  const login = await app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { email: adminEmail, password: PASSWORD },
  });
  return {
    app,
    cookie: String(login.headers["set-cookie"]).split(";")[0],
    async close() {
      await app.close();
      await deps.close();
    },
  };
}

/**
 * better-auth's organization plugin on its own SQLite adapter (better-sqlite3, WAL, its own migrations):
 * the same 10,000 members (users and memberships inserted in one transaction, the format its adapter
 * writes). Returns requests for GET /organization/list-members through `auth.handler`, the full request
 * path (session cookie, membership check, its query and count, JSON), in process like our app.inject;
 * they are timed in turns with ours.
 */
async function setUpBetterAuth() {
  const Database = (await import("better-sqlite3")).default;
  const { betterAuth } = await import("better-auth");
  const { organization } = await import("better-auth/plugins");
  const { getMigrations } = await import("better-auth/db/migration");
  const dir = mkdtempSync(path.join(tmpdir(), "bench-listing-better-auth-"));
  const db = new Database(path.join(dir, "auth.db"));
  db.pragma("journal_mode = WAL");
  const auth = betterAuth({
    database: db,
    secret: "bench-secret-bench-secret-bench-secret-1234",
    baseURL: "http://localhost",
    emailAndPassword: { enabled: true },
    plugins: [organization({ membershipLimit: 1e9 })],
    logger: { disabled: true },
  });
  try {
    await (await getMigrations(auth.options)).runMigrations();
    const signUp = await auth.api.signUpEmail({
      body: { email: "admin@bench.example", password: PASSWORD, name: "Bench Admin" },
      returnHeaders: true,
    });
    const cookie = signUp.headers.get("set-cookie").split(";")[0];
    const org = await auth.api.createOrganization({
      body: { name: "Bench Co", slug: "bench-co" },
      headers: new Headers({ cookie }),
    });
    const now = Date.now();
    const insertUser = db.prepare(
      `insert into "user" (id, name, email, emailVerified, image, createdAt, updatedAt) values (?, ?, ?, 0, null, ?, ?)`,
    );
    const insertMember = db.prepare(
      `insert into member (id, organizationId, userId, role, createdAt) values (?, ?, ?, ?, ?)`,
    );
    db.transaction(() => {
      for (let j = 0; j < MEMBERS; j++) {
        const at = new Date(now - (MEMBERS - j) * 60_000).toISOString();
        const userId = `bench-user-${String(j).padStart(6, "0")}`;
        insertUser.run(userId, `Member ${j}`, `member.${j}@bench.example`, at, at);
        insertMember.run(
          `bench-member-${String(j).padStart(6, "0")}`,
          org.id,
          userId,
          j % 10 === 0 ? "viewer" : "member",
          at,
        );
      }
    })();
    const handler = (url) => auth.handler(new Request(url, { headers: { cookie } }));
    const request = (route, url) =>
      Object.assign(
        async () => {
          const res = await handler(url);
          const body = await res.text();
          if (res.status !== 200) throw new Error(`${url}: ${res.status} ${body}`);
        },
        { route },
      );
    const base = `http://localhost/api/auth/organization/list-members?organizationId=${org.id}&limit=50`;
    return {
      first: request("listMembers, first page of 50", base),
      deep: request(
        `listMembers, deep page (offset ${DEEP_MEMBERS.toLocaleString("en")})`,
        `${base}&offset=${DEEP_MEMBERS}`,
      ),
      close() {
        db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    db.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

const all = [];
const dir = mkdtempSync(path.join(tmpdir(), "bench-listing-"));
const peer = await setUpBetterAuth();
try {
  all.push(...(await run("sqlite", { DATA_DIR: dir }, peer)).map((r) => ({ database: "sqlite", ...r })));
} finally {
  peer.close();
  rmSync(dir, { recursive: true, force: true });
}
if (process.env.TEST_DATABASE_URL) {
  const schema = `bench_listing_${Date.now()}`;
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  await client.query(`create schema ${schema}`);
  try {
    const url = new URL(process.env.TEST_DATABASE_URL);
    url.searchParams.set("options", `-c search_path=${schema}`);
    all.push(
      ...(await run("postgres", { DATABASE_URL: url.toString() })).map((r) => ({
        database: "postgres",
        ...r,
      })),
    );
  } finally {
    await client.query(`drop schema ${schema} cascade`);
    await client.end();
  }
}
console.table(all.map((r) => row(r.database, r.name, r)));
const ours = all.filter((r) => r.database === "sqlite" && r.name.startsWith("members"));
const theirs = all.filter((r) => r.database.startsWith("better-auth"));
const ratio = (a, b) => `${(a / b).toFixed(1)}x`;
console.log(
  `better-auth listMembers / our GET /members, both on SQLite, the same ${MEMBERS.toLocaleString("en")} members, timed in turns (goal >= 5x):`,
);
for (const [k, label] of ["first page", "deep page "].entries()) {
  const [a, b] = [theirs[k], ours[k]];
  console.log(
    `  ${label}: p50 ${ratio(a.p50, b.p50)}, p95 ${ratio(a.p95, b.p95)}, p99 ${ratio(a.p99, b.p99)}`,
  );
}
