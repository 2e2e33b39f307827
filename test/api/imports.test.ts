import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { CompiledQuery, createQueryId, type RootOperationNode } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPostgres } from "../../src/db/client.js";
import { pendingInvitationEmailsAmong } from "../../src/db/queries/imports.js";
import { type ServiceContext, systemContext } from "../../src/services/context.js";
import { runImport } from "../../src/services/imports/run-import.js";
import { invitationSnapshot } from "../../src/services/shared/views.js";
import { expectError, orgUrl, signUpWith } from "../harness/api.js";
import { createTestApp, type OrgFixture, type TestApp, tokenFromUrl } from "../harness/app.js";

const BULK_SEED = `email,role,department,message
alice@company.com,admin,engineering,"Welcome to our dev team!"
bob@company.com,member,marketing,"Excited to have you join us!"
carol@company.com,viewer,sales,"Access to our sales AI tools"
`;
const TEAM_SEED = `email,first_name,last_name,role,department,manager_email
alice@co.com,Alice,Johnson,member,engineering,lead@co.com
bob@co.com,Bob,Smith,admin,product,cto@co.com
carol@co.com,Carol,Wilson,viewer,design,creative@co.com
`;

type ImportJson = {
  id: string;
  format: string;
  dryRun: boolean;
  status: string;
  totalRows: number;
  counts: Record<string, number>;
};
type RowJson = {
  line: number;
  email: string;
  outcome: string;
  reason: string | null;
  invitationId: string | null;
};

const sha = (text: string) => createHash("sha256").update(text).digest("hex");

describe("bulk invitations (CSV import)", () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  function upload(
    org: OrgFixture,
    csv: string,
    options: { key?: string; dryRun?: boolean; cookie?: string } = {},
  ) {
    return t.request({
      method: "POST",
      url: orgUrl(org.orgId, `/imports${options.dryRun ? "?dryRun=true" : ""}`),
      cookie: options.cookie ?? org.admin.cookie,
      headers: { "content-type": "text/csv", ...(options.key && { "idempotency-key": options.key }) },
      body: csv,
    });
  }

  async function rowsOf(org: OrgFixture, importId: string, query = ""): Promise<RowJson[]> {
    const response = await t.request({
      method: "GET",
      url: orgUrl(org.orgId, `/imports/${importId}/rows?limit=500${query}`),
      cookie: org.admin.cookie,
    });
    expect(response.statusCode).toBe(200);
    return response.json().items;
  }

  async function invitationCount(orgId: string): Promise<number> {
    const row = await t.deps.db
      .selectFrom("invitations")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("org_id", "=", orgId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it("imports the seed's bulk format: every row invited with its role, department and message, audited", async () => {
    const org = await t.setupOrg();
    const response = await upload(org, BULK_SEED);
    expect(response.statusCode).toBe(201);
    const body: ImportJson = response.json();
    expect(body).toMatchObject({ format: "bulk", dryRun: false, status: "completed", totalRows: 3 });
    expect(body.counts).toEqual({
      invited: 3,
      already_member: 0,
      already_invited: 0,
      duplicate_in_file: 0,
      invalid: 0,
    });
    const invitations = await t.deps.db
      .selectFrom("invitations")
      .select(["email", "role", "department", "message", "status"])
      .where("org_id", "=", org.orgId)
      .orderBy("email")
      .execute();
    expect(invitations).toEqual([
      {
        email: "alice@company.com",
        role: "admin",
        department: "engineering",
        message: "Welcome to our dev team!",
        status: "pending",
      },
      {
        email: "bob@company.com",
        role: "member",
        department: "marketing",
        message: "Excited to have you join us!",
        status: "pending",
      },
      {
        email: "carol@company.com",
        role: "viewer",
        department: "sales",
        message: "Access to our sales AI tools",
        status: "pending",
      },
    ]);
    const rows = await rowsOf(org, body.id);
    expect(rows.map((row) => [row.line, row.email, row.outcome])).toEqual([
      [2, "alice@company.com", "invited"],
      [3, "bob@company.com", "invited"],
      [4, "carol@company.com", "invited"],
    ]);
    const actions = await t.deps.db
      .selectFrom("audit_events")
      .select(["action", "source"])
      .where("org_id", "=", org.orgId)
      .where("action", "in", ["import.started", "import.completed", "invitation.created"])
      .orderBy("id")
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      "import.started",
      "invitation.created",
      "invitation.created",
      "invitation.created",
      "import.completed",
    ]);
    expect(new Set(actions.map((a) => a.source))).toEqual(new Set(["console"]));
  });

  it("audits each imported invitation with the single invitation's snapshot and the import's id, in that key order", async () => {
    const org = await t.setupOrg();
    const response = await upload(org, BULK_SEED);
    expect(response.statusCode).toBe(201);
    const importId: string = response.json().id;
    const invitations = await t.deps.db
      .selectFrom("invitations")
      .selectAll()
      .where("org_id", "=", org.orgId)
      .execute();
    const entries = await t.deps.db
      .selectFrom("audit_events")
      .select(["target_id", "after"])
      .where("org_id", "=", org.orgId)
      .where("action", "=", "invitation.created")
      .execute();
    expect(entries).toHaveLength(3);
    for (const entry of entries) {
      const row = invitations.find((invitation) => invitation.id === entry.target_id);
      if (row === undefined) throw new Error(`no invitation ${entry.target_id}`);
      // The stored text itself (it is hashed into the audit chain), not only its parsed value.
      expect(entry.after).toBe(JSON.stringify({ ...invitationSnapshot(row), importId }));
    }
  });

  it("handles a BOM, CRLF line ends and quoted fields with commas and quotes", async () => {
    const org = await t.setupOrg();
    const csv = '\uFEFFemail,role,department,message\r\n"dan@x.com",member,ops,"Hi, ""Dan"" — welcome"\r\n';
    const response = await upload(org, csv);
    expect(response.statusCode).toBe(201);
    const invitation = await t.deps.db
      .selectFrom("invitations")
      .select(["email", "message"])
      .where("org_id", "=", org.orgId)
      .executeTakeFirstOrThrow();
    expect(invitation).toEqual({ email: "dan@x.com", message: 'Hi, "Dan" — welcome' });
  });

  it("refuses any other header, naming both accepted headers", async () => {
    const org = await t.setupOrg();
    const error = expectError(await upload(org, "mail,role\nx@y.com,member\n"), "IMPORT_HEADER_INVALID");
    expect(error.message).toContain("email,role,department,message");
    expect(error.message).toContain("email,first_name,last_name,role,department,manager_email");
    expect(await invitationCount(org.orgId)).toBe(0);
  });

  it("a dry run reports every row and writes no invitation; the real run then does what it said", async () => {
    const org = await t.setupOrg();
    const dry = await upload(org, BULK_SEED, { dryRun: true, key: "k-dry" });
    expect(dry.statusCode).toBe(201);
    expect(dry.json()).toMatchObject({ dryRun: true, status: "completed", counts: { invited: 3 } });
    expect(await invitationCount(org.orgId)).toBe(0);
    expect((await rowsOf(org, dry.json().id)).map((row) => row.outcome)).toEqual([
      "invited",
      "invited",
      "invited",
    ]);
    const real = await upload(org, BULK_SEED, { key: "k-dry" });
    expect(real.statusCode).toBe(201);
    expect(real.json().counts.invited).toBe(3);
    expect(await invitationCount(org.orgId)).toBe(3);
  });

  it("a re-run of the same file creates nothing twice", async () => {
    const org = await t.setupOrg();
    expect((await upload(org, BULK_SEED)).json().counts.invited).toBe(3);
    const again = await upload(org, BULK_SEED);
    expect(again.statusCode).toBe(201);
    expect(again.json().counts).toMatchObject({ invited: 0, already_invited: 3 });
    expect(await invitationCount(org.orgId)).toBe(3);
  });

  it("the same Idempotency-Key returns the earlier import for the same file and is refused for another", async () => {
    const org = await t.setupOrg();
    const first = await upload(org, BULK_SEED, { key: "upload-1" });
    expect(first.statusCode).toBe(201);
    const retry = await upload(org, BULK_SEED, { key: "upload-1" });
    expect(retry.statusCode).toBe(200);
    expect(retry.headers["idempotent-replayed"]).toBe("true");
    expect(retry.json().id).toBe(first.json().id);
    const other = await upload(org, TEAM_SEED, { key: "upload-1" });
    expect(other.statusCode).toBe(409);
    expect(expectError(other, "IMPORT_KEY_REUSED").message).toContain("different file");
    expect(await invitationCount(org.orgId)).toBe(3);
  });

  it("bad rows do not stop the rest: each gets its outcome and reason; rows.csv has every line", async () => {
    const org = await t.setupOrg();
    const csv = [
      "email,role,department,message",
      "ok1@x.com,member,eng,",
      "not-an-email,member,eng,",
      "ok2@x.com,owner,eng,",
      "ok3@x.com,member",
      "OK1@x.com,viewer,eng,",
      `${org.admin.email},member,eng,`,
      "ok4@x.com,,eng,",
      '=cmd@x.com,member,eng,"=HYPERLINK(1)"',
    ].join("\n");
    const response = await upload(org, csv);
    expect(response.statusCode).toBe(201);
    expect(response.json().counts).toEqual({
      invited: 3,
      already_member: 1,
      already_invited: 0,
      duplicate_in_file: 1,
      invalid: 3,
    });
    const rows = await rowsOf(org, response.json().id);
    expect(rows.map((row) => [row.line, row.outcome])).toEqual([
      [2, "invited"],
      [3, "invalid"],
      [4, "invalid"],
      [5, "invalid"],
      [6, "duplicate_in_file"],
      [7, "already_member"],
      [8, "invited"],
      [9, "invited"],
    ]);
    expect(rows[1]?.reason).toContain("not a valid email");
    expect(rows[2]?.reason).toContain('role "owner"');
    expect(rows[3]?.reason).toContain("has 2 fields");
    const invalid = await rowsOf(org, response.json().id, "&outcome=invalid");
    expect(invalid.map((row) => row.line)).toEqual([3, 4, 5]);
    const paged = await t.request({
      method: "GET",
      url: orgUrl(org.orgId, `/imports/${response.json().id}/rows?limit=3&cursor=4`),
      cookie: org.admin.cookie,
    });
    expect(paged.json().items.map((row: RowJson) => row.line)).toEqual([5, 6, 7]);
    expect(paged.json().nextCursor).toBe(7);

    const download = await t.request({
      method: "GET",
      url: orgUrl(org.orgId, `/imports/${response.json().id}/rows.csv`),
      cookie: org.admin.cookie,
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-type"]).toContain("text/csv");
    const lines = download.body.trim().split("\n");
    expect(lines[0]).toBe("line,email,outcome,reason,invitation_id");
    expect(lines).toHaveLength(9);
    // A spreadsheet would run a cell starting with "=": the export defuses it.
    expect(lines[8]?.startsWith("9,'=cmd@x.com,invited,")).toBe(true);
  });

  it("stops inviting when the seat limit is reached mid-file; the rest are invalid with the reason", async () => {
    const org = await t.setupOrg();
    await t.deps.db.updateTable("orgs").set({ seat_limit: 4 }).where("id", "=", org.orgId).execute();
    const csv = ["email,role,department,message", ...[1, 2, 3, 4, 5].map((n) => `s${n}@x.com,member,,`)].join(
      "\n",
    );
    const response = await upload(org, csv);
    expect(response.json().counts).toMatchObject({ invited: 3, invalid: 2 });
    const rows = await rowsOf(org, response.json().id);
    expect(rows.slice(3).map((row) => row.reason)).toEqual([
      expect.stringContaining("No seat left"),
      expect.stringContaining("No seat left"),
    ]);
    expect(await invitationCount(org.orgId)).toBe(3);
  });

  it("caps roles by the importer's own role, as a single invitation does", async () => {
    const org = await t.setupOrg();
    const ctx: ServiceContext = {
      ...t.deps,
      actor: { kind: "user", userId: org.admin.userId, source: "api" },
      access: { role: "member" } as ServiceContext["access"],
    };
    const result = await runImport(ctx, {
      orgId: org.orgId,
      open: () => Readable.from([BULK_SEED]),
      sha256: sha(BULK_SEED),
      idempotencyKey: null,
      dryRun: false,
    });
    expect(result.import).toMatchObject({ invited: 2, invalid: 1 });
    const rows = await rowsOf(org, result.import.id);
    expect(rows[0]).toMatchObject({ email: "alice@company.com", outcome: "invalid" });
    expect(rows[0]?.reason).toContain("cannot grant the admin role");
  });

  it("is refused for a viewer", async () => {
    const org = await t.setupOrg();
    const viewer = await t.addMember(org, { role: "viewer" });
    const response = await upload(org, BULK_SEED, { cookie: viewer.cookie });
    expect(response.statusCode).toBe(403);
    const list = await t.request({
      method: "GET",
      url: orgUrl(org.orgId, "/imports"),
      cookie: viewer.cookie,
    });
    expect(list.statusCode).toBe(403);
    expect(await invitationCount(org.orgId)).toBe(1);
  });

  it("team import keeps names and managers; acceptance carries the manager and members show Reports to", async () => {
    const org = await t.setupOrg();
    const links = new Map<string, string>();
    const csv = `${TEAM_SEED}lead@co.com,Lee,Lead,member,engineering,\n`;
    const result = await runImport(systemContext(t.deps, "cli"), {
      orgId: org.orgId,
      open: () => Readable.from([csv]),
      sha256: sha(csv),
      idempotencyKey: "team-1",
      dryRun: false,
      onInvited: (created) => {
        for (const link of created) links.set(link.email, link.url);
      },
    });
    expect(result.import).toMatchObject({ format: "team", invited: 4, source: "cli" });
    const profile = await t.deps.db
      .selectFrom("invitation_profiles as p")
      .innerJoin("invitations as i", "i.id", "p.invitation_id")
      .select(["p.first_name", "p.last_name", "p.manager_email"])
      .where("i.email", "=", "alice@co.com")
      .executeTakeFirstOrThrow();
    expect(profile).toEqual({ first_name: "Alice", last_name: "Johnson", manager_email: "lead@co.com" });

    expect(
      (await signUpWith(t, tokenFromUrl(links.get("alice@co.com") ?? ""), "Alice Johnson")).statusCode,
    ).toBe(200);
    const reportsTo = async () => {
      const members = await t.request({
        method: "GET",
        url: orgUrl(org.orgId, "/members"),
        cookie: org.admin.cookie,
      });
      return members.json().items.find((m: { email: string }) => m.email === "alice@co.com").reportsTo;
    };
    expect(await reportsTo()).toEqual({ email: "lead@co.com", userId: null, name: null });
    const lead = await signUpWith(t, tokenFromUrl(links.get("lead@co.com") ?? ""), "Lee Lead");
    expect(lead.statusCode).toBe(200);
    expect(await reportsTo()).toEqual({ email: "lead@co.com", userId: expect.any(String), name: "Lee Lead" });
  });

  it("an import interrupted mid-file resumes after its last committed chunk; every row is accounted for once", async () => {
    const org = await t.setupOrg({ plan: "enterprise" });
    const lines = ["email,role,department,message"];
    for (let n = 0; n < 1700; n++) lines.push(`p${n}@big.com,member,eng,`);
    lines.push("p5@big.com,member,eng,");
    const csv = `${lines.join("\n")}\n`;
    const ctx = systemContext(t.deps, "cli");
    const crashing = () =>
      Readable.from(
        (async function* () {
          // Line by line, so backpressure holds the source until the importer has taken the lines before.
          for (const line of lines.slice(0, 1200)) yield `${line}\n`;
          throw new Error("killed");
        })(),
      );
    await expect(
      runImport(ctx, {
        orgId: org.orgId,
        open: crashing,
        sha256: sha(csv),
        idempotencyKey: "big",
        dryRun: false,
      }),
    ).rejects.toThrow("killed");
    const partial = await t.deps.db
      .selectFrom("import_rows as r")
      .innerJoin("imports as i", "i.id", "r.import_id")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("i.org_id", "=", org.orgId)
      .executeTakeFirstOrThrow();
    expect(Number(partial.n) % 500).toBe(0);
    expect(Number(partial.n)).toBeGreaterThan(0);

    const done = await runImport(ctx, {
      orgId: org.orgId,
      open: () => Readable.from([csv]),
      sha256: sha(csv),
      idempotencyKey: "big",
      dryRun: false,
    });
    expect(done.resumedAfterLine).toBe(Number(partial.n));
    expect(done.import).toMatchObject({
      status: "completed",
      total_rows: 1701,
      invited: 1700,
      duplicate_in_file: 1,
    });
    const lineCount = await t.deps.db
      .selectFrom("import_rows")
      .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.count<number>("line").distinct().as("d")])
      .where("import_id", "=", done.import.id)
      .executeTakeFirstOrThrow();
    expect([Number(lineCount.n), Number(lineCount.d)]).toEqual([1701, 1701]);
    expect(await invitationCount(org.orgId)).toBe(1700);
  });
  it("finds pending invitations through the one-pending-per-email index, not by walking the org's", async () => {
    const org = await t.setupOrg();
    const emails = Array.from({ length: 60 }, (_, n) => `plan${n}@import.test`);
    const csv = `email,role,department,message\n${emails.map((e) => `${e},member,eng,`).join("\n")}\n`;
    await runImport(systemContext(t.deps, "cli"), {
      orgId: org.orgId,
      open: () => Readable.from([csv]),
      sha256: sha(csv),
      idempotencyKey: null,
      dryRun: false,
    });
    const queries: RootOperationNode[] = [];
    const recorded = t.deps.db.withPlugin({
      transformQuery: ({ node }) => {
        queries.push(node);
        return node;
      },
      transformResult: async ({ result }) => result,
    });
    const now = t.deps.clock.now().toISOString();
    const found = await pendingInvitationEmailsAmong(
      recorded,
      org.orgId,
      [...emails, "x@import.test"],
      now,
      false,
    );
    expect([...found].sort()).toEqual([...emails].sort());
    expect(queries).toHaveLength(1);
    const lookup = t.deps.db.getExecutor().compileQuery(queries[0] as RootOperationNode, createQueryId());
    const explain = isPostgres(t.deps.db) ? "explain " : "explain query plan ";
    const plan = await t.deps.db.executeQuery(
      CompiledQuery.raw(`${explain}${lookup.sql}`, [...lookup.parameters]),
    );
    // SQLite without statistics walked (org_id, status) for lists of more than a few emails: every pending
    // invitation of the org, per chunk. PostgreSQL plans by cost (a seq scan is right on a small table).
    if (!isPostgres(t.deps.db)) expect(JSON.stringify(plan.rows)).toContain("invitations_pending_email_key");
  });
});
