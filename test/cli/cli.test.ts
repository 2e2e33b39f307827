import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { MIGRATIONS } from "../../src/db/migrations/index.js";
import { isAppError } from "../../src/domain/errors.js";
import { runCli as run } from "../harness/cli.js";
import { cliDatabase as databaseArgs } from "../harness/cli-database.js";
import { TEST_DATABASE_URL } from "../harness/database.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const SETUP = [
  "--org-name",
  "Acme",
  "--plan",
  "team",
  "--admin-email",
  "Ada@Acme.test",
  "--admin-name",
  "Ada",
  "--admin-password-stdin",
];

describe("gatehouse CLI", () => {
  it("migrate creates the schema once, then reports it up to date", async () => {
    const db = await databaseArgs();
    cleanups.push(db.cleanup);
    const first = await run(["migrate", ...db.args]);
    expect(first.error).toBeNull();
    const names = Object.keys(MIGRATIONS);
    expect(first.stdout).toContain(`Applied ${names.length} migration(s) to `);
    expect(first.stdout).toContain(`: ${names.join(", ")}\n`);
    const second = await run(["migrate", ...db.args]);
    expect(second.stdout).toMatch(/is up to date/);
  });

  it("setup creates the org and its admin without a browser, prints the org id, and works once", async () => {
    const db = await databaseArgs();
    cleanups.push(db.cleanup);
    const result = await run(["setup", ...db.args, ...SETUP], "correct horse battery\n");
    expect(result.error).toBeNull();
    const orgId = result.stdout.trim();
    expect(orgId).toMatch(/^[0-9a-f-]{36}$/);

    const again = await run(["setup", ...db.args, ...SETUP], "correct horse battery\n");
    expect(isAppError(again.error, "SETUP_COMPLETE")).toBe(true);

    // The admin can sign in with the password read from stdin (the trailing newline is not part of it).
    if (TEST_DATABASE_URL) {
      const url = db.args[1] as string;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query("select email, password_hash from users");
      await client.end();
      expect(rows).toEqual([
        { email: "ada@acme.test", password_hash: expect.stringMatching(/^\$argon2id\$/) },
      ]);
    }
  });

  it("setup refuses a short password and a missing --admin-password-stdin with what to do", async () => {
    const db = await databaseArgs();
    cleanups.push(db.cleanup);
    const short = await run(["setup", ...db.args, ...SETUP], "short\n");
    expect(isAppError(short.error, "VALIDATION_FAILED")).toBe(true);
    const noStdin = await run(["setup", ...db.args, ...SETUP.slice(0, -1)]);
    expect((noStdin.error as Error).message).toMatch(/--admin-password-stdin/);
  });

  it("create-org hosts another organization, reusing an existing account as its admin", async () => {
    const db = await databaseArgs();
    cleanups.push(db.cleanup);
    const first = await run(["setup", ...db.args, ...SETUP], "correct horse battery\n");
    const second = await run([
      "create-org",
      ...db.args,
      "--org-name",
      "Beta",
      "--plan",
      "business",
      "--admin-email",
      "ada@acme.test",
      "--admin-name",
      "Ada",
    ]);
    expect(second.error).toBeNull();
    expect(second.stdout.trim()).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.stdout.trim()).not.toBe(first.stdout.trim());
  });

  it("rejects an unknown plan with the valid choices", async () => {
    const result = await run([
      "setup",
      "--data-dir",
      "/nonexistent",
      ...SETUP.map((a) => (a === "team" ? "gold" : a)),
    ]);
    expect(result.stderr).toMatch(/Allowed choices are free, team, business, enterprise/);
  });
});
