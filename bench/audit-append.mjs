// 10,000 hash-chained audit appends (recordAuditEvent in its own transaction: chain head locked at
// commit, seq + SHA-256 over canonical JSON, head moved) against 10,000 plain inserts of the same rows
// into a copy of the table without chaining, each in its own transaction, side by side in one run.
// SQLite (a temp file) always; PostgreSQL too when TEST_DATABASE_URL is set (a fresh schema, dropped).
// Run: npm run build:server && node bench/audit-append.mjs   (BENCH_N=10000 by default)
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { openDatabase } from "../dist/db/client.js";
import { migrateToLatest } from "../dist/db/migrate.js";
import { inTransaction } from "../dist/db/transaction.js";
import { newId } from "../dist/lib/ids.js";
import { recordAuditEvent } from "../dist/services/shared/record-audit-event.js";

const N = Number(process.env.BENCH_N ?? 10_000);
const ORG = newId();
const ctx = { actor: { kind: "system", source: "cli" }, clock: { now: () => new Date() } };
const event = (i) => ({
  orgId: ORG,
  action: "member.updated",
  target: { type: "member", id: `m${i}` },
  before: { role: "member" },
  after: { role: "viewer", department: "engineering" },
});

async function run(label, config, cleanup) {
  const database = openDatabase(config);
  try {
    await migrateToLatest(database);
    const { db } = database;
    await sql`create table audit_events_plain as select * from audit_events where 1 = 0`.execute(db);

    let t0 = performance.now();
    for (let i = 0; i < N; i++) {
      const e = event(i);
      await inTransaction(db, (trx) =>
        trx
          .insertInto("audit_events_plain")
          .values({
            id: newId(),
            org_id: e.orgId,
            actor_user_id: null,
            actor_api_key_id: null,
            source: "cli",
            action: e.action,
            target_type: e.target.type,
            target_id: e.target.id,
            before: JSON.stringify(e.before),
            after: JSON.stringify(e.after),
            created_at: new Date().toISOString(),
            chain_id: null,
            seq: null,
            prev_hash: null,
            hash: null,
          })
          .execute(),
      );
    }
    const plainMs = performance.now() - t0;

    t0 = performance.now();
    for (let i = 0; i < N; i++) await inTransaction(db, (trx) => recordAuditEvent(trx, ctx, event(i)));
    const chainedMs = performance.now() - t0;

    const per = (ms) => `${((ms * 1000) / N).toFixed(1)} µs/append`;
    console.log(
      `${label}: plain ${plainMs.toFixed(0)} ms (${per(plainMs)}), chained ${chainedMs.toFixed(0)} ms (${per(chainedMs)}), ratio chained/plain ${(chainedMs / plainMs).toFixed(2)}x`,
    );
  } finally {
    await database.close();
    await cleanup();
  }
}

const dir = mkdtempSync(path.join(tmpdir(), "bench-audit-"));
await run(`SQLite, ${N} appends`, { kind: "sqlite", file: path.join(dir, "bench.db") }, async () =>
  rmSync(dir, { recursive: true, force: true }),
);

if (process.env.TEST_DATABASE_URL) {
  const url = process.env.TEST_DATABASE_URL;
  const schema = `bench_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  await run(`PostgreSQL, ${N} appends`, { kind: "postgres", url, poolSize: 4, schema }, async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  });
}
