import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli as run } from "../harness/cli.js";
import { TEST_DATABASE_URL } from "../harness/database.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

async function setupOrg(dataDir: string, plan: string): Promise<string> {
  const result = await run(
    [
      "setup",
      "--data-dir",
      dataDir,
      "--org-name",
      "Acme",
      "--plan",
      plan,
      "--admin-email",
      "ada@acme.test",
      "--admin-name",
      "Ada",
      "--admin-password-stdin",
    ],
    "correct horse battery\n",
  );
  expect(result.error).toBeNull();
  return result.stdout.trim();
}

// The CLI opens SQLite by --data-dir; the PostgreSQL paths are covered by test/api/imports.test.ts.
describe.skipIf(Boolean(TEST_DATABASE_URL))("gatehouse import", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "gatehouse-import-cli-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("dry run, then the real run with links; a re-run creates nothing twice", async () => {
    const dataDir = path.join(dir, "a");
    const orgId = await setupOrg(dataDir, "business");
    const file = path.join(dir, "team.csv");
    writeFileSync(
      file,
      "email,first_name,last_name,role,department,manager_email\nalice@co.com,Alice,Johnson,member,engineering,lead@co.com\nbob@co.com,Bob,Smith,admin,product,cto@co.com\nnope,Carol,Wilson,viewer,design,\n",
    );
    const links = path.join(dir, "links.csv");

    const dry = await run(["import", file, "--org", orgId, "--data-dir", dataDir, "--dry-run"]);
    expect(dry.error).toBeNull();
    expect(dry.stdout).toContain("Dry run");
    expect(dry.stdout).toContain("invited: 2\n");
    expect(dry.stdout).toContain("invalid: 1\n");
    expect(dry.stderr).toContain("imported 3/3 rows");

    const real = await run(["import", file, "--org", orgId, "--data-dir", dataDir, "--links-out", links]);
    expect(real.error).toBeNull();
    expect(real.stdout).toMatch(/^Import [0-9a-f-]{36}\nrows: 3\ninvited: 2\n/);
    const written = readFileSync(links, "utf8").trim().split("\n");
    expect(written[0]).toBe("email,link");
    expect(written.slice(1).map((line) => line.split(",")[0])).toEqual(["alice@co.com", "bob@co.com"]);
    expect(written[1]).toMatch(/,http.*\/invite#token=\S+$/);

    const again = await run(["import", file, "--org", orgId, "--data-dir", dataDir]);
    expect(again.stdout).toContain("already completed earlier");
    const fresh = await run([
      "import",
      file,
      "--org",
      orgId,
      "--data-dir",
      dataDir,
      "--idempotency-key",
      "k2",
    ]);
    expect(fresh.stdout).toContain("invited: 0\n");
    expect(fresh.stdout).toContain("already_invited: 2\n");
  });

  it("refuses a file with another header with both accepted headers", async () => {
    const dataDir = path.join(dir, "b");
    const orgId = await setupOrg(dataDir, "business");
    const file = path.join(dir, "bad.csv");
    writeFileSync(file, "mail,name\nx@y.co,X\n");
    const result = await run(["import", file, "--org", orgId, "--data-dir", dataDir]);
    expect(String((result.error as Error).message)).toContain(
      "email,first_name,last_name,role,department,manager_email",
    );
  });

  it("KILL: killed with SIGKILL at random points and re-run until done, every line has exactly one row", async () => {
    execFileSync("npm", ["run", "build:server"], { cwd: ROOT, stdio: "ignore" });
    const dataDir = path.join(dir, "kill");
    const orgId = await setupOrg(dataDir, "enterprise");
    const file = path.join(dir, "big.csv");
    const rows = 20_000;
    const lines = ["email,role,department,message"];
    for (let n = 0; n < rows; n++)
      lines.push(n % 97 === 0 ? `bad-${n},member,,` : `k${n}@big.test,member,eng,`);
    lines.push("k1@big.test,member,eng,");
    writeFileSync(file, `${lines.join("\n")}\n`);
    const links = path.join(dir, "kill-links.csv");

    // Up to 8 runs are killed at random points; the next one runs to the end (a slow machine must
    // not turn the test into a race against startup time).
    let kills = 0;
    for (let attempt = 0; attempt <= 8; attempt++) {
      const child = spawn(
        process.execPath,
        [
          path.join(ROOT, "dist/cli/main.js"),
          "import",
          file,
          "--org",
          orgId,
          "--data-dir",
          dataDir,
          "--links-out",
          links,
        ],
        { stdio: ["ignore", "pipe", "pipe"] },
      );
      let out = "";
      child.stdout.on("data", (c) => (out += c));
      const delay = 300 + Math.floor(Math.random() * 1200);
      const timer = attempt < 8 ? setTimeout(() => child.kill("SIGKILL"), delay) : undefined;
      const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
      clearTimeout(timer);
      if (code === 0) {
        expect(out).toContain(`rows: ${rows + 1}`);
        break;
      }
      expect(attempt, "the last run is not killed and must finish").toBeLessThan(8);
      kills += 1;
    }
    expect(kills).toBeGreaterThan(0);

    const db = new Database(path.join(dataDir, "gatehouse.db"), { readonly: true });
    try {
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      const imports = db.prepare("select * from imports").all() as { id: string; status: string }[];
      expect(imports).toHaveLength(1);
      expect(imports[0]?.status).toBe("completed");
      const counts = db
        .prepare(
          "select count(*) as n, count(distinct line) as d, min(line) as lo, max(line) as hi from import_rows",
        )
        .get() as { n: number; d: number; lo: number; hi: number };
      expect(counts).toEqual({ n: rows + 1, d: rows + 1, lo: 2, hi: rows + 2 });
      const invalid = Math.ceil(rows / 97);
      const byOutcome = db
        .prepare("select outcome, count(*) as n from import_rows group by outcome order by outcome")
        .all();
      expect(byOutcome).toEqual([
        { outcome: "duplicate_in_file", n: 1 },
        { outcome: "invalid", n: invalid },
        { outcome: "invited", n: rows - invalid },
      ]);
      const twice = db
        .prepare(
          "select count(*) as n from (select email from invitations group by org_id, email having count(*) > 1)",
        )
        .get() as { n: number };
      expect(twice.n).toBe(0);
      const invitations = db.prepare("select count(*) as n from invitations").get() as { n: number };
      expect(invitations.n).toBe(rows - invalid);
      // The dashboard's counters (kept by triggers) committed or rolled back with each chunk.
      const counters = db.prepare("select org_id, pending from invitation_counters").all();
      const recount = db
        .prepare(
          "select org_id, count(*) as pending from invitations where status = 'pending' group by org_id",
        )
        .all();
      expect(counters).toEqual(recount);
    } finally {
      db.close();
    }
  }, 600_000);
});
