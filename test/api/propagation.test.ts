import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessFixtures } from "../harness/access-fixtures.js";
import { createTeam, orgUrl } from "../harness/api.js";
import { createTestApp, type MemberFixture, type OrgFixture, type TestApp } from "../harness/app.js";
import { createTestDatabase, TEST_DIALECT } from "../harness/database.js";

/**
 * Two Gatehouse instances on one database: a change made through one is enforced by the other within a
 * second (ARCHITECTURE.md). PostgreSQL carries it by LISTEN/NOTIFY; on SQLite the second process sees
 * the file's data_version move.
 */
describe(`access changes reach a second instance (${TEST_DIALECT})`, () => {
  let dir: string;
  let a: TestApp;
  let b: TestApp;
  let org: OrgFixture;
  let sales: string;
  let rep: MemberFixture;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "gatehouse-two-"));
    const database = await createTestDatabase({ sqliteFile: path.join(dir, "shared.db") });
    a = await createTestApp({ database });
    b = await createTestApp({ database: { ...database, drop: async () => {} } });
    org = await a.setupOrg({ plan: "business" });
    sales = await createTeam(a, org, "Sales");
    rep = await a.addMember(org, { teamId: sales });
    const bot = await accessFixtures(a, org.orgId).agent({ key: "bot", ownerId: org.admin.userId });
    await accessFixtures(a, org.orgId).shareAgent(bot, sales, "run_only");
  });
  afterAll(async () => {
    await b.close();
    await a.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const allowedOnB = async () => {
    const response = await b.request({
      method: "POST",
      url: orgUrl(org.orgId, "/check"),
      cookie: org.admin.cookie,
      body: {
        subject: { type: "user", id: rep.userId },
        action: "agents:run",
        resource: { type: "agent", key: "bot" },
      },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().allowed as boolean;
  };

  it("a removal through instance A is enforced by instance B within one second", async () => {
    expect(await allowedOnB()).toBe(true);
    const removed = await a.request({
      method: "DELETE",
      url: orgUrl(org.orgId, `/teams/${sales}/members/${rep.userId}`),
      cookie: org.admin.cookie,
    });
    expect(removed.statusCode).toBe(204);
    const started = performance.now();
    let allowed = true;
    while (allowed && performance.now() - started < 1000) {
      allowed = await allowedOnB();
      if (allowed) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const elapsedMs = performance.now() - started;
    console.warn(
      `[propagation] ${TEST_DIALECT}: instance B enforced the change after ${elapsedMs.toFixed(1)} ms`,
    );
    expect(allowed).toBe(false);
  });
});
