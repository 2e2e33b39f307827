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

  it("says what is wrong with a bad value", () => {
    expect(() => loadConfig({ PORT: "http" })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" })).toThrow(/postgres:\/\//);
    expect(() => loadConfig({ SEAT_LIMIT_TEAM: "0" })).toThrow(/SEAT_LIMIT_TEAM/);
    expect(() => loadConfig({ PUBLIC_URL: "ftp://x" })).toThrow(/PUBLIC_URL/);
  });
});
