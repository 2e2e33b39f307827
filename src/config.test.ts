import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("config", () => {
  it("defaults to SQLite in ./data on port 3000", () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database.kind).toBe("sqlite");
    expect(config.database.kind === "sqlite" && config.database.file.endsWith("data/gatehouse.db")).toBe(
      true,
    );
    expect(config.publicUrl.origin).toBe("http://localhost:3000");
    expect(config.seatLimits).toEqual({ free: 1, team: 50, business: 500, enterprise: null });
  });

  it("switches to PostgreSQL with DATABASE_URL, and flags win over the environment", () => {
    const config = loadConfig(
      { DATABASE_URL: "postgres://a@b/c", PORT: "4000" },
      { port: 5000, dataDir: "/tmp/x" },
    );
    expect(config.database).toMatchObject({ kind: "postgres", url: "postgres://a@b/c" });
    expect(config.port).toBe(5000);
    expect(config.dataDir).toBe("/tmp/x");
  });

  it("reads seat limits per plan, including unlimited", () => {
    expect(loadConfig({ SEAT_LIMIT_TEAM: "10", SEAT_LIMIT_BUSINESS: "unlimited" }).seatLimits).toMatchObject({
      team: 10,
      business: null,
    });
  });

  it("refuses non-public webhook receivers unless WEBHOOK_ALLOW_PRIVATE_URLS is true", () => {
    expect(loadConfig({}).webhooks.allowPrivateUrls).toBe(false);
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE_URLS: "true" }).webhooks.allowPrivateUrls).toBe(true);
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE_URLS: "0" }).webhooks.allowPrivateUrls).toBe(false);
    expect(() => loadConfig({ WEBHOOK_ALLOW_PRIVATE_URLS: "yes" })).toThrow(/WEBHOOK_ALLOW_PRIVATE_URLS/);
  });

  it("sizes SQLite's page cache from SQLITE_CACHE_MB (16 MiB, better-sqlite3's own, by default)", async () => {
    expect(loadConfig({}).database).toMatchObject({ kind: "sqlite", cacheMb: 16 });
    const config = loadConfig({ SQLITE_CACHE_MB: "64" }, { dataDir: "/tmp/x" });
    expect(config.database).toMatchObject({ kind: "sqlite", cacheMb: 64 });
    expect(() => loadConfig({ SQLITE_CACHE_MB: "0" })).toThrow(/SQLITE_CACHE_MB/);
    const { openDatabase } = await import("./db/client.js");
    const { sql } = await import("kysely");
    const database = openDatabase({ kind: "sqlite", file: ":memory:", cacheMb: 64 });
    const { rows } = await sql<{ cache_size: number }>`pragma cache_size`.execute(database.db);
    expect(rows[0]?.cache_size).toBe(-64 * 1024);
    await database.close();
  });

  it("names PostgreSQL's hot statements unless DATABASE_NAMED_STATEMENTS is false", () => {
    const pg = (env: Record<string, string>) =>
      loadConfig({ DATABASE_URL: "postgres://localhost/gatehouse", ...env }).database;
    expect(pg({})).toMatchObject({ kind: "postgres", namedStatements: true });
    expect(pg({ DATABASE_NAMED_STATEMENTS: "false" })).toMatchObject({ namedStatements: false });
    expect(pg({ DATABASE_NAMED_STATEMENTS: "0" })).toMatchObject({ namedStatements: false });
    expect(pg({ DATABASE_NAMED_STATEMENTS: "true" })).toMatchObject({ namedStatements: true });
    expect(() => pg({ DATABASE_NAMED_STATEMENTS: "off" })).toThrow(/DATABASE_NAMED_STATEMENTS/);
  });

  it("says what is wrong with a bad value", () => {
    expect(() => loadConfig({ PORT: "http" })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "http" })).toThrow("PORT: must be a number");
    expect(() => loadConfig({ LOG_LEVEL: "loud" })).toThrow(
      "LOG_LEVEL: must be one of: fatal, error, warn, info, debug, trace, silent",
    );
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" })).toThrow(/postgres:\/\//);
    expect(() => loadConfig({ SEAT_LIMIT_TEAM: "0" })).toThrow(/SEAT_LIMIT_TEAM/);
    expect(() => loadConfig({ PUBLIC_URL: "ftp://x" })).toThrow(/PUBLIC_URL/);
  });
});
