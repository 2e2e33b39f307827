import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import type { Db } from "../../src/db/client.js";
import { inTransaction } from "../../src/db/transaction.js";
import { type OpenedDeps, openDeps } from "../../src/deps.js";
import { createFixedClock } from "../../src/lib/clock.js";
import { verifyAuditChains } from "../../src/services/audit/verify-audit-chain.js";
import { systemContext } from "../../src/services/context.js";
import { createOrganization } from "../../src/services/orgs/create-organization.js";
import { recordAuditEvent, recordAuditEvents } from "../../src/services/shared/record-audit-event.js";
import { testHasher } from "../harness/app.js";
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from "../harness/database.js";

const opened: { deps: OpenedDeps; database: TestDatabase }[] = [];

async function open(database?: TestDatabase) {
  const db = database ?? (await createTestDatabase());
  const clock = createFixedClock();
  const deps = await openDeps({ ...loadConfig({}), database: db.config }, { clock, passwords: testHasher });
  opened.push({ deps, database: db });
  return { deps, clock, database: db };
}

afterEach(async () => {
  const all = opened.splice(0);
  for (const { deps } of all) await deps.close();
  for (const database of new Set(all.map((o) => o.database))) await database.drop();
});

/** An org with its creation events plus `extra` team renames, each in a transaction of its own. */
async function orgWithEvents(deps: OpenedDeps, extra: number) {
  const ctx = systemContext(deps, "cli");
  const { org } = await createOrganization(ctx, {
    name: "Acme",
    plan: "enterprise",
    admin: { email: "admin@acme.test", name: "Ada Admin", password: "correct horse battery" },
  });
  for (let i = 0; i < extra; i++) {
    await inTransaction(deps.db, (trx) =>
      recordAuditEvent(trx, ctx, {
        orgId: org.id,
        action: "team.renamed",
        target: { type: "team", id: `team-${i}` },
        before: { name: `old ${i}` },
        after: { name: `new ${i}` },
      }),
    );
  }
  return { org, ctx };
}

/** What an attacker with database access does first. */
async function dropAppendOnlyTriggers(db: Db) {
  if (TEST_DIALECT === "postgres") {
    await sql`drop trigger audit_events_no_update on audit_events`.execute(db);
    await sql`drop trigger audit_events_no_truncate on audit_events`.execute(db);
  } else {
    await sql`drop trigger audit_events_no_update`.execute(db);
    await sql`drop trigger audit_events_no_delete`.execute(db);
  }
}

function chainRows(db: Db, chainId: string) {
  return db.selectFrom("audit_events").selectAll().where("chain_id", "=", chainId).orderBy("seq").execute();
}

describe("hash-chained audit trail", () => {
  it("chains every org's events in order, 1.., each hash over the previous one", async () => {
    const { deps } = await open();
    const { org } = await orgWithEvents(deps, 3);
    const rows = await chainRows(deps.db, org.id);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
    expect(rows[0]?.prev_hash).toBe("0".repeat(64));
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);
    const head = await deps.db
      .selectFrom("audit_chain_heads")
      .selectAll()
      .where("chain_id", "=", org.id)
      .executeTakeFirst();
    expect(Number(head?.seq)).toBe(rows.length);
    expect(head?.hash).toBe(rows.at(-1)?.hash);
    const reports = await verifyAuditChains(deps.db, { orgId: org.id });
    expect(reports).toEqual([{ chainId: org.id, entries: rows.length, problem: null }]);
  });

  it("a rolled-back transaction leaves neither an event nor a gap", async () => {
    const { deps } = await open();
    const { org, ctx } = await orgWithEvents(deps, 1);
    const before = (await chainRows(deps.db, org.id)).length;
    await expect(
      inTransaction(deps.db, async (trx) => {
        await recordAuditEvent(trx, ctx, {
          orgId: org.id,
          action: "team.deleted",
          target: { type: "team", id: "t" },
        });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    await inTransaction(deps.db, (trx) =>
      recordAuditEvents(trx, ctx, [
        { orgId: org.id, action: "team.created", target: { type: "team", id: "a" } },
        { orgId: null, action: "org.created", target: { type: "org", id: "x" } },
        { orgId: org.id, action: "team.created", target: { type: "team", id: "b" } },
      ]),
    );
    const rows = await chainRows(deps.db, org.id);
    expect(rows.length).toBe(before + 2);
    expect(rows.slice(-2).map((r) => r.target_id)).toEqual(["a", "b"]);
    expect((await verifyAuditChains(deps.db, {})).every((r) => r.problem === null)).toBe(true);
  });

  it("refuses UPDATE and DELETE on audit_events (append-only triggers)", async () => {
    const { deps } = await open();
    const { org } = await orgWithEvents(deps, 1);
    await expect(
      deps.db
        .updateTable("audit_events")
        .set({ action: "team.created" })
        .where("org_id", "=", org.id)
        .execute(),
    ).rejects.toThrow(/append-only/);
    await expect(deps.db.deleteFrom("audit_events").where("org_id", "=", org.id).execute()).rejects.toThrow(
      /append-only/,
    );
    expect((await verifyAuditChains(deps.db, { orgId: org.id }))[0]?.problem).toBeNull();
  });

  it("verify reports an edited entry", async () => {
    const { deps } = await open();
    const { org } = await orgWithEvents(deps, 4);
    const rows = await chainRows(deps.db, org.id);
    const victim = rows[2];
    await dropAppendOnlyTriggers(deps.db);
    await deps.db
      .updateTable("audit_events")
      .set({ after: JSON.stringify({ name: "forged" }) })
      .where("id", "=", victim?.id ?? "")
      .execute();
    const [report] = await verifyAuditChains(deps.db, { orgId: org.id });
    expect(report?.problem).toMatchObject({ kind: "edited", seq: 3, entryId: victim?.id });
    expect(report?.problem?.message).toMatch(/#3 .* was edited/);
  });

  it("verify reports a removed entry, in the middle and at the end", async () => {
    const { deps } = await open();
    const { org } = await orgWithEvents(deps, 4);
    const rows = await chainRows(deps.db, org.id);
    await dropAppendOnlyTriggers(deps.db);
    await deps.db
      .deleteFrom("audit_events")
      .where("id", "=", rows[1]?.id ?? "")
      .execute();
    expect((await verifyAuditChains(deps.db, { orgId: org.id }))[0]?.problem).toMatchObject({
      kind: "removed",
      seq: 2,
    });

    const other = await orgWithEvents(deps, 2);
    const otherRows = await chainRows(deps.db, other.org.id);
    await deps.db
      .deleteFrom("audit_events")
      .where("id", "=", otherRows.at(-1)?.id ?? "")
      .execute();
    const [tail] = await verifyAuditChains(deps.db, { orgId: other.org.id });
    expect(tail?.problem).toMatchObject({ kind: "removed", seq: otherRows.length });
    expect(tail?.problem?.message).toMatch(/removed from the end/);
  });

  it("verify reports reordered entries", async () => {
    const { deps } = await open();
    const { org } = await orgWithEvents(deps, 4);
    const rows = await chainRows(deps.db, org.id);
    const [a, b] = [rows[2], rows[3]];
    await dropAppendOnlyTriggers(deps.db);
    await deps.db
      .updateTable("audit_events")
      .set({ seq: -1 })
      .where("id", "=", a?.id ?? "")
      .execute();
    await deps.db
      .updateTable("audit_events")
      .set({ seq: 3 })
      .where("id", "=", b?.id ?? "")
      .execute();
    await deps.db
      .updateTable("audit_events")
      .set({ seq: 4 })
      .where("id", "=", a?.id ?? "")
      .execute();
    const [report] = await verifyAuditChains(deps.db, { orgId: org.id });
    expect(report?.problem).toMatchObject({ kind: "reordered", seq: 3, entryId: b?.id });
  });

  it.runIf(TEST_DIALECT === "postgres")(
    "two instances appending concurrently to one chain never fork it",
    async () => {
      const first = await open();
      const second = await open(first.database);
      const { org } = await orgWithEvents(first.deps, 0);
      const append = (deps: OpenedDeps, n: number) =>
        inTransaction(deps.db, async (trx) => {
          await recordAuditEvent(trx, systemContext(deps, "cli"), {
            orgId: org.id,
            action: "team.created",
            target: { type: "team", id: `t${n}` },
          });
          // Work after recording: the chain head is locked only at commit, so these overlap.
          await sql`select pg_sleep(0.01)`.execute(trx);
        });
      await Promise.all(Array.from({ length: 40 }, (_, n) => append(n % 2 ? first.deps : second.deps, n)));
      const rows = await chainRows(first.deps.db, org.id);
      expect(rows.filter((r) => r.action === "team.created")).toHaveLength(40);
      expect((await verifyAuditChains(first.deps.db, { orgId: org.id }))[0]?.problem).toBeNull();
    },
  );
});
