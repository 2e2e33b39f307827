import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { startServer } from "../../src/server.js";
import { createTestDatabase, TEST_DATABASE_URL } from "../harness/database.js";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function firstRunConfig() {
  const dataDir = mkdtempSync(path.join(tmpdir(), "gatehouse-first-run-"));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const config = loadConfig({ DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent" });
  if (TEST_DATABASE_URL) {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    config.database = database.config;
  }
  return { config, dataDir };
}

describe("first run", () => {
  it("creates and migrates the database, prints a one-time setup link, and the link creates the org", async () => {
    const { config, dataDir } = await firstRunConfig();
    const server = await startServer(config);
    cleanups.push(() => server.close());
    if (!TEST_DATABASE_URL) expect(existsSync(path.join(dataDir, "gatehouse.db"))).toBe(true);
    expect(server.setupUrl).toMatch(/^http:\/\/localhost:0\/setup#token=[A-Za-z0-9_-]{43}$/);
    const token = new URL(server.setupUrl as string).hash.slice("#token=".length);

    const status = await fetch(`${server.url}/api/v1/setup`);
    expect(await status.json()).toEqual({ required: true });

    const body = {
      orgName: "Acme",
      plan: "team",
      adminEmail: "ada@acme.test",
      adminName: "Ada",
      adminPassword: "correct horse battery",
    };
    const wrong = await fetch(`${server.url}/api/v1/setup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...body, token: `${token.slice(0, 42)}x` }),
    });
    expect(wrong.status).toBe(403);

    const created = await fetch(`${server.url}/api/v1/setup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...body, token }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("set-cookie")).toMatch(/gatehouse_session=.*HttpOnly/i);
    expect(await (await fetch(`${server.url}/api/v1/setup`)).json()).toEqual({ required: false });

    // The link worked once.
    const replay = await fetch(`${server.url}/api/v1/setup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...body, adminEmail: "eve@acme.test", token }),
    });
    expect(replay.status).toBe(409);
  });

  it("a new start replaces the setup link: only the newest printed one works", async () => {
    const { config } = await firstRunConfig();
    const first = await startServer(config);
    const oldToken = new URL(first.setupUrl as string).hash.slice("#token=".length);
    await first.close();
    const second = await startServer(config);
    cleanups.push(() => second.close());
    const stale = await fetch(`${second.url}/api/v1/setup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        token: oldToken,
        orgName: "Acme",
        plan: "free",
        adminEmail: "a@b.co",
        adminName: "A",
        adminPassword: "correct horse battery",
      }),
    });
    expect(stale.status).toBe(403);
    expect(second.setupUrl).not.toBeNull();
  });
});
