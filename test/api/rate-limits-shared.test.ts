import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError } from "../harness/api.js";
import { createTestApp, type TestApp } from "../harness/app.js";
import { createTestDatabase, type TestDatabase } from "../harness/database.js";

const BUDGET = 4;

/**
 * Several instances behind a load balancer share one database: a client that spreads its guesses over
 * them still gets one budget, not one per instance.
 */
describe("rate limits across instances", () => {
  let dir: string;
  let database: TestDatabase;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "gatehouse-rl-"));
    database = await createTestDatabase({ sqliteFile: path.join(dir, "shared.db") });
    const env = { RATE_LIMIT_AUTH_PER_MINUTE: String(BUDGET) };
    a = await createTestApp({ env, database });
    b = await createTestApp({ env, database: { ...database, drop: async () => {} } });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a password guesser alternating between two instances is stopped after one budget", async () => {
    const guess = (t: TestApp) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        remoteAddress: "198.51.100.7",
        payload: { email: "victim@example.com", password: "guess" },
      });
    const statuses: number[] = [];
    for (let i = 0; i < BUDGET; i++) statuses.push((await guess(i % 2 === 0 ? a : b)).statusCode);
    expect(statuses).toEqual(Array(BUDGET).fill(401));
    expectError(await guess(a), "RATE_LIMITED");
    expectError(await guess(b), "RATE_LIMITED");
  });
});
