import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isAppError } from "../../src/domain/errors.js";
import { runCli as run } from "../harness/cli.js";
import { type CliDatabase, cliDatabase } from "../harness/cli-database.js";
import { TEST_DATABASE_URL } from "../harness/database.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function orgWithInvitations(db: CliDatabase): Promise<string> {
  const setup = await run(
    [
      "setup",
      ...db.args,
      ...["--org-name", "Acme", "--plan", "business", "--admin-email", "ada@acme.test"],
      ...["--admin-name", "Ada", "--admin-password-stdin"],
    ],
    "correct horse battery\n",
  );
  expect(setup.error).toBeNull();
  const orgId = setup.stdout.trim();
  const file = path.join(tmpdir(), `counters-${orgId}.csv`);
  writeFileSync(file, "email,role,department,message\nalice@co.com,member,,\nbob@co.com,viewer,,\n");
  cleanups.push(async () => rmSync(file, { force: true }));
  const imported = await run(["import", file, "--org", orgId, ...db.args]);
  expect(imported.error).toBeNull();
  return orgId;
}

const p = (n: number) => (TEST_DATABASE_URL ? `$${n}` : "?");

describe("gatehouse counters verify", () => {
  it("finds counters that drifted from the invitations, repairs them with --repair, then reports ok", async () => {
    const db = await cliDatabase();
    cleanups.push(db.cleanup);
    const orgId = await orgWithInvitations(db);

    const clean = await run(["counters", "verify", ...db.args]);
    expect(clean.error).toBeNull();
    expect(clean.stdout).toBe(`ok       ${orgId}\n`);

    // Behind the triggers' back, as a manual edit or a partial restore would.
    await db.query(`update invitation_counters set pending = 7, revoked = 1 where org_id = ${p(1)}`, [orgId]);
    await db.query(`delete from invitation_daily_counts where org_id = ${p(1)}`, [orgId]);

    const drifted = await run(["counters", "verify", "--org", orgId, ...db.args]);
    expect(isAppError(drifted.error, "INVITATION_COUNTERS_DRIFTED")).toBe(true);
    expect(drifted.stdout).toContain(`DRIFTED  ${orgId}\n`);
    expect(drifted.stdout).toContain("pending: stored 7, counted 2\n");
    expect(drifted.stdout).toContain("revoked: stored 1, counted 0\n");
    expect(drifted.stdout).toMatch(/sent on \d{4}-\d{2}-\d{2}: stored 0, counted 2\n/);

    const repaired = await run(["counters", "verify", "--repair", ...db.args]);
    expect(repaired.error).toBeNull();
    expect(repaired.stdout).toContain(`REPAIRED ${orgId}\n`);
    const [row] = await db.query(`select pending, revoked from invitation_counters where org_id = ${p(1)}`, [
      orgId,
    ]);
    expect({ pending: Number(row?.pending), revoked: Number(row?.revoked) }).toEqual({
      pending: 2,
      revoked: 0,
    });

    const after = await run(["counters", "verify", ...db.args]);
    expect(after.error).toBeNull();
    expect(after.stdout).toBe(`ok       ${orgId}\n`);
  });
});
