import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInvitation, expectError, expectStatus, invitationAction, orgUrl } from "../harness/api.js";
import { createTestApp, type TestApp } from "../harness/app.js";
import { ACTORS, buildRoleWorld, expectAccess, type RoleWorld } from "../harness/roles.js";

type AuditEventJson = {
  id: string;
  seq: number;
  action: string;
  source: string;
  actor: { userId: string | null; name: string | null; email: string | null };
  target: { type: string; id: string };
  before: unknown;
  after: unknown;
  createdAt: string;
};
type Page = { items: AuditEventJson[]; nextCursor: string | null };

describe("audit trail API", () => {
  let t: TestApp;
  let world: RoleWorld;

  beforeAll(async () => {
    t = await createTestApp();
    world = await buildRoleWorld(t);
  });
  afterAll(() => t.close());

  const get = (path: string, cookie = world.org.admin.cookie) =>
    t.request({ method: "GET", url: orgUrl(world.org.orgId, path), cookie });

  async function listAll(query: string): Promise<AuditEventJson[]> {
    const all: AuditEventJson[] = [];
    let cursor: string | null = null;
    do {
      const response = await get(
        `/audit-events?limit=3&${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      expectStatus(response, 200);
      const page = response.json() as Page;
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  }

  describe.each(ACTORS)("as %s", (actor) => {
    it("list, export and verify are for org admins only (audit:read)", async () => {
      const cookie = world.cookieOf(actor);
      for (const path of ["/audit-events", "/audit-events/export?format=jsonl", "/audit-events/verify"]) {
        expectAccess(await get(path, cookie as string), actor, ["admin"], 200);
      }
    });
  });

  it("records the main use cases with actor, target, before/after and source", async () => {
    const { invitation } = await createInvitation(t, world.org);
    expectStatus(await invitationAction(t, world.org, invitation.id, "revoke"), 200);
    const rename = await t.request({
      method: "PATCH",
      url: orgUrl(world.org.orgId, `/teams/${world.teamId}`),
      cookie: world.org.admin.cookie,
      body: { name: "Research Lab" },
    });
    expect(rename.statusCode).toBeLessThan(300);
    const member = world.people.member;
    const role = await t.request({
      method: "PATCH",
      url: orgUrl(world.org.orgId, `/members/${member.userId}`),
      cookie: world.org.admin.cookie,
      body: { role: "viewer" },
    });
    expectStatus(role, 200);

    const actions = new Set((await listAll("")).map((e) => e.action));
    for (const action of [
      "org.created",
      "team.created",
      "invitation.created",
      "invitation.accepted",
      "invitation.revoked",
      "member.added",
      "member.updated",
      "team_member.added",
      "team.renamed",
    ]) {
      expect(actions, action).toContain(action);
    }

    const [updated] = await listAll(`action=member.updated&targetId=${member.userId}`);
    expect(updated).toMatchObject({
      action: "member.updated",
      source: "console",
      actor: { userId: world.org.admin.userId, email: world.org.admin.email },
      target: { type: "member", id: member.userId },
    });
    expect(JSON.stringify(updated?.before)).toContain("member");
    expect(JSON.stringify(updated?.after)).toContain("viewer");
  });

  it("filters by actions, actor, target and time, newest first, across pages", async () => {
    const all = await listAll("");
    expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort().reverse());
    const invites = await listAll("action=invitation.created,invitation.revoked");
    expect(invites.length).toBeGreaterThan(3);
    expect(new Set(invites.map((e) => e.action))).toEqual(
      new Set(["invitation.created", "invitation.revoked"]),
    );
    const byActor = await listAll(`actorUserId=${world.people.viewer.userId}`);
    expect(byActor.length).toBeGreaterThan(0);
    expect(byActor.every((e) => e.actor.userId === world.people.viewer.userId)).toBe(true);
    const teams = await listAll(`targetType=team&targetId=${world.teamId}`);
    expect(teams.map((e) => e.action)).toContain("team.created");
    const future = await listAll(
      `from=${encodeURIComponent(new Date(Date.now() + 86_400_000 * 365).toISOString())}`,
    );
    expect(future).toEqual([]);
    const all2 = await listAll(
      `to=${encodeURIComponent(new Date(Date.now() + 86_400_000 * 365).toISOString())}`,
    );
    expect(all2.length).toBe(all.length);
    expectError(await get("/audit-events?from=yesterday"), "VALIDATION_FAILED");
    expectError(await get("/audit-events?cursor=nonsense"), "VALIDATION_FAILED");
  });

  it("exports every matching entry as JSON Lines and as formula-safe CSV", async () => {
    const all = await listAll("");
    const jsonl = await get("/audit-events/export?format=jsonl");
    expectStatus(jsonl, 200);
    expect(jsonl.headers["content-type"]).toMatch(/application\/x-ndjson/);
    const lines = jsonl.body
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as AuditEventJson);
    expect(lines.map((l) => l.id)).toEqual(all.map((e) => e.id));

    // Someone named like a formula accepts an invitation: they are the actor of that event.
    const sneaky = await t.addMember(world.org, {
      role: "member",
      name: '=HYPERLINK("http://evil.test","x")',
    });
    const csv = await get(`/audit-events/export?format=csv&actorUserId=${sneaky.userId}`);
    expectStatus(csv, 200);
    expect(csv.headers["content-type"]).toMatch(/text\/csv/);
    expect(csv.headers["content-disposition"]).toMatch(/attachment; filename="audit-.*\.csv"/);
    const rows = csv.body.split("\r\n").filter(Boolean);
    expect(rows[0]).toMatch(/^"id","seq","created_at","action"/);
    expect(rows.length).toBeGreaterThan(1);
    expect(csv.body).toContain(`"'=HYPERLINK(""http://evil.test"",""x"")"`);
    expect(csv.body).not.toMatch(/(^|,)"=/m);
  });

  it("verify reports an intact chain", async () => {
    const response = await get("/audit-events/verify");
    expectStatus(response, 200);
    expect(response.json()).toMatchObject({ ok: true, problem: null });
    expect((response.json() as { entries: number }).entries).toBeGreaterThan(5);
  });
});
