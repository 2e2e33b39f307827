import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createInvitation,
  expectError,
  expectStatus,
  invitationAction,
  invitationUrl,
  listAllInvitations,
  orgUrl,
  postInvitation,
  previewInvitation,
  signUpWith,
  UNKNOWN_ID,
} from "../harness/api.js";
import { createTestApp, PUBLIC_URL, type TestApp, tokenFromUrl, uniqueEmail } from "../harness/app.js";
import { ACTORS, buildRoleWorld, expectAccess, type RoleWorld } from "../harness/roles.js";

const DAY = 24 * 60 * 60 * 1000;

describe("invitations: who may manage them, creating and listing", () => {
  let t: TestApp;
  let world: RoleWorld;

  beforeAll(async () => {
    t = await createTestApp();
    world = await buildRoleWorld(t);
  });
  afterAll(() => t.close());

  describe.each(ACTORS)("as %s: every invitation route is for org admins only", (actor) => {
    const cookie = () => world.cookieOf(actor);
    const fresh = () => createInvitation(t, world.org);

    it("POST /invitations", async () => {
      const response = await t.request({
        method: "POST",
        url: orgUrl(world.org.orgId, "/invitations"),
        cookie: cookie(),
        body: { email: uniqueEmail(), role: "viewer" },
      });
      expectAccess(response, actor, ["admin"], 201);
    });

    it("GET /invitations and GET /invitations/:id/history", async () => {
      const { invitation } = await fresh();
      const list = await t.request({
        method: "GET",
        url: orgUrl(world.org.orgId, "/invitations"),
        cookie: cookie(),
      });
      expectAccess(list, actor, ["admin"], 200);
      const history = await t.request({
        method: "GET",
        url: invitationUrl(world.org.orgId, invitation.id, "/history"),
        cookie: cookie(),
      });
      expectAccess(history, actor, ["admin"], 200);
    });

    it("PATCH /invitations/:id", async () => {
      const { invitation } = await fresh();
      const response = await t.request({
        method: "PATCH",
        url: invitationUrl(world.org.orgId, invitation.id),
        cookie: cookie(),
        body: { department: "legal" },
      });
      expectAccess(response, actor, ["admin"], 200);
    });

    it.each(["resend", "extend", "revoke"] as const)("POST /invitations/:id/%s", async (action) => {
      const { invitation } = await fresh();
      const response = await t.request({
        method: "POST",
        url: invitationUrl(world.org.orgId, invitation.id, `/${action}`),
        cookie: cookie(),
        ...(action === "extend" && { body: { days: 1 } }),
      });
      expectAccess(response, actor, ["admin"], 200);
    });
  });

  it("creates an invitation: 201 with the contract's fields and a copyable link", async () => {
    const response = await postInvitation(t, world.org, {
      email: "  New.Person@Example.COM ",
      role: "admin",
      teamId: world.teamId,
      teamRole: "admin",
      department: " marketing ",
      message: "Welcome to our AI team!",
    });
    expectStatus(response, 201);
    const { invitation, inviteUrl } = response.json();
    expect(inviteUrl).toMatch(new RegExp(`^${PUBLIC_URL}/invite#token=[A-Za-z0-9_-]{43}$`));
    const now = t.clock.now().getTime();
    expect(invitation).toMatchObject({
      id: expect.any(String),
      email: "new.person@example.com",
      role: "admin",
      teamId: world.teamId,
      teamName: "Research",
      teamRole: "admin",
      department: "marketing",
      message: "Welcome to our AI team!",
      status: "pending",
      expiresAt: new Date(now + 7 * DAY).toISOString(),
      createdAt: new Date(now).toISOString(),
      invitedBy: world.org.admin.userId,
      acceptedAt: null,
    });
    const preview = await previewInvitation(t, tokenFromUrl(inviteUrl));
    expect(preview.json()).toMatchObject({ email: "new.person@example.com", status: "pending" });
  });

  it("every link is a different 256-bit token", async () => {
    const tokens = new Set<string>();
    for (let i = 0; i < 5; i++) tokens.add((await createInvitation(t, world.org)).token);
    expect(tokens.size).toBe(5);
  });

  it.each([
    "no-at-sign",
    "a@b",
    "two@@example.com",
    "spa ce@example.com",
    "x@-bad.example.com",
    "x@example.123",
    ".dot@example.com",
    "",
    `${"a".repeat(65)}@example.com`,
    `x@${"d".repeat(250)}.com`,
  ])("refuses the invalid email %j", async (email) => {
    const response = await postInvitation(t, world.org, { email });
    expectError(response, "VALIDATION_FAILED");
    expect(response.json().error.message).toContain("email");
  });

  it("expiry is 1 to 30 whole days, 7 by default", async () => {
    const now = t.clock.now().getTime();
    for (const days of [1, 30]) {
      const { invitation } = await createInvitation(t, world.org, { expiresInDays: days });
      expect(invitation.expiresAt).toBe(new Date(now + days * DAY).toISOString());
    }
    for (const days of [0, 31, 1.5, -1]) {
      expectError(await postInvitation(t, world.org, { expiresInDays: days }), "VALIDATION_FAILED");
    }
    expectError(
      await postInvitation(t, world.org, { expiresInDays: "7" as unknown as number }),
      "VALIDATION_FAILED",
    );
  });

  it("refuses bad roles, a team role without a team, overlong fields and unknown fields", async () => {
    expectError(await postInvitation(t, world.org, { role: "owner" as "admin" }), "VALIDATION_FAILED");
    expectError(await postInvitation(t, world.org, { teamRole: "admin" }), "VALIDATION_FAILED");
    expectError(await postInvitation(t, world.org, { message: "x".repeat(2001) }), "VALIDATION_FAILED");
    expectError(await postInvitation(t, world.org, { department: "d".repeat(65) }), "VALIDATION_FAILED");
    expectError(await postInvitation(t, world.org, { teamId: "not-a-uuid" }), "VALIDATION_FAILED");
    const unknown = await postInvitation(t, world.org, { status: "accepted" });
    expect(expectError(unknown, "VALIDATION_FAILED").message).toContain("status");
    const noRole = await t.request({
      method: "POST",
      url: orgUrl(world.org.orgId, "/invitations"),
      cookie: world.org.admin.cookie,
      body: { email: uniqueEmail() },
    });
    expect(expectError(noRole, "VALIDATION_FAILED").message).toContain("role");
  });

  it("a team from another org, or no team at all, is NOT_FOUND", async () => {
    expectError(await postInvitation(t, world.org, { teamId: world.other.defaultTeamId }), "NOT_FOUND");
    expectError(await postInvitation(t, world.org, { teamId: UNKNOWN_ID }), "NOT_FOUND");
  });

  it("on the Team plan the team picker and team roles are refused with PLAN_LIMIT", async () => {
    const org = await t.setupOrg({ plan: "team" });
    const teamPick = await postInvitation(t, org, { teamId: world.teamId });
    expect(expectError(teamPick, "PLAN_LIMIT").message).toMatch(/Business or Enterprise/);
    expectError(await postInvitation(t, org, { teamRole: "member" }), "PLAN_LIMIT");
    expectError(await postInvitation(t, org, { teamId: org.defaultTeamId, teamRole: "owner" }), "PLAN_LIMIT");
    // Naming the one default team is harmless.
    const ok = await createInvitation(t, org, { teamId: org.defaultTeamId });
    expect(ok.invitation).toMatchObject({ teamId: null, teamRole: null });
  });

  it("one pending invitation per org and email (INVITATION_PENDING), whatever the case", async () => {
    const email = uniqueEmail("once");
    await createInvitation(t, world.org, { email });
    expectError(await postInvitation(t, world.org, { email: email.toUpperCase() }), "INVITATION_PENDING");
    // Another org may invite the same person.
    await createInvitation(t, world.other, { email });
  });

  it("inviting an existing member is ALREADY_MEMBER; an account that is not a member can be invited", async () => {
    const response = await postInvitation(t, world.org, { email: world.people.viewer.email.toUpperCase() });
    expectError(response, "ALREADY_MEMBER");
    await createInvitation(t, world.org, { email: world.other.admin.email });
  });

  it("a revoked invitation's email can be invited again", async () => {
    const email = uniqueEmail("again");
    const first = await createInvitation(t, world.org, { email });
    expectStatus(await invitationAction(t, world.org, first.invitation.id, "revoke"), 200);
    const second = await createInvitation(t, world.org, { email });
    expect(second.invitation.id).not.toBe(first.invitation.id);
  });

  it("concurrent invitations of one email make exactly one pending invitation", async () => {
    const org = await t.setupOrg({ plan: "business" });
    const email = uniqueEmail("race");
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        postInvitation(t, org, { email, role: i % 2 ? "member" : "viewer" }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    for (const r of responses.filter((x) => x.statusCode !== 201)) expectError(r, "INVITATION_PENDING");
    const rows = await t.deps.db
      .selectFrom("invitations")
      .select("id")
      .where("org_id", "=", org.orgId)
      .where("email", "=", email)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it("concurrent invitations for the last free seat: exactly one gets it", async () => {
    const org = await t.setupOrg({ plan: "business" });
    const limited = await t.request({
      method: "PATCH",
      url: orgUrl(org.orgId),
      cookie: org.admin.cookie,
      body: { seatLimit: 2 },
    });
    expectStatus(limited, 200);
    const responses = await Promise.all(Array.from({ length: 6 }, () => postInvitation(t, org)));
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(1);
    for (const r of responses.filter((x) => x.statusCode !== 201)) expectError(r, "SEAT_LIMIT_REACHED");
    const seats = (
      await t.request({ method: "GET", url: orgUrl(org.orgId), cookie: org.admin.cookie })
    ).json().seats;
    expect(seats).toEqual({ limit: 2, used: 1, pending: 1 });
  });

  describe("listing", () => {
    it("pages through more than 50 invitations newest first with nextCursor", async () => {
      const org = await t.setupOrg({ plan: "enterprise" });
      const ids: string[] = [];
      for (let i = 0; i < 55; i++) ids.push((await createInvitation(t, org)).invitation.id);
      const firstPage = await t.request({
        method: "GET",
        url: orgUrl(org.orgId, "/invitations"),
        cookie: org.admin.cookie,
      });
      expect(firstPage.json().items).toHaveLength(50);
      expect(firstPage.json().nextCursor).toEqual(expect.any(String));

      const { items, pages } = await listAllInvitations(t, org, "", 20);
      expect(pages).toBe(3);
      expect(items.map((i) => i.id)).toEqual([...ids].reverse());
      const pending = await listAllInvitations(t, org, "status=pending", 50);
      expect(pending.items).toHaveLength(55);
      expect(pending.pages).toBe(2);
    });

    it("still lists after a migration adds a column while connections keep the page's statement", async () => {
      const org = await t.setupOrg({ plan: "business" });
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await createInvitation(t, org)).invitation.id);
      const page = async () => {
        const response = await t.request({
          method: "GET",
          url: orgUrl(org.orgId, "/invitations"),
          cookie: org.admin.cookie,
        });
        expectStatus(response, 200);
        return response.json().items.map((i: { id: string }) => i.id);
      };
      // On PostgreSQL the page is a named statement, planned once per connection: run it past the
      // point where the server keeps one plan for it.
      for (let i = 0; i < 8; i++) expect(await page()).toEqual([...ids].reverse());
      await sql`alter table invitations add column listing_test_extra text`.execute(t.deps.db);
      try {
        for (let i = 0; i < 3; i++) expect(await page()).toEqual([...ids].reverse());
      } finally {
        await sql`alter table invitations drop column listing_test_extra`.execute(t.deps.db);
      }
    });

    it("filters by status: pending, accepted, expired, revoked", async () => {
      const org = await t.setupOrg({ plan: "business" });
      const accepted = await createInvitation(t, org);
      const revoked = await createInvitation(t, org);
      const expiring = await createInvitation(t, org, { expiresInDays: 1 });
      const pending = await createInvitation(t, org, { expiresInDays: 30 });
      expectStatus(await signUpWith(t, accepted.token), 200);
      expectStatus(await invitationAction(t, org, revoked.invitation.id, "revoke"), 200);
      t.clock.advanceDays(2);
      const ids = async (status: string) =>
        (await listAllInvitations(t, org, `status=${status}`)).items.map((i) => [i.id, i.status]);
      expect(await ids("pending")).toEqual([[pending.invitation.id, "pending"]]);
      expect(await ids("accepted")).toEqual([[accepted.invitation.id, "accepted"]]);
      expect(await ids("expired")).toEqual([[expiring.invitation.id, "expired"]]);
      expect(await ids("revoked")).toEqual([[revoked.invitation.id, "revoked"]]);
      expect((await listAllInvitations(t, org)).items).toHaveLength(4);
      const bad = await t.request({
        method: "GET",
        url: orgUrl(org.orgId, "/invitations?status=lost"),
        cookie: org.admin.cookie,
      });
      expectError(bad, "VALIDATION_FAILED");
    });

    it("refuses a forged cursor and a limit out of range", async () => {
      const list = (query: string) =>
        t.request({
          method: "GET",
          url: orgUrl(world.org.orgId, `/invitations?${query}`),
          cookie: world.org.admin.cookie,
        });
      expectError(await list("cursor=abc"), "VALIDATION_FAILED");
      expectError(
        await list(`cursor=${Buffer.from("'; drop table invitations").toString("base64url")}`),
        "VALIDATION_FAILED",
      );
      expectError(await list("limit=0"), "VALIDATION_FAILED");
      expectError(await list("limit=500"), "VALIDATION_FAILED");
      expectStatus(await list("limit=100"), 200);
    });
  });
});
