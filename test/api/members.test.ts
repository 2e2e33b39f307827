import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTeam,
  expectError,
  expectStatus,
  getMe,
  getOrg,
  orgUrl,
  postInvitation,
  UNKNOWN_ID,
} from "../harness/api.js";
import { createTestApp, type MemberFixture, type OrgFixture, type TestApp } from "../harness/app.js";
import { ACTORS, buildRoleWorld, expectAccess, type RoleWorld } from "../harness/roles.js";

describe("members", () => {
  let t: TestApp;
  let world: RoleWorld;

  beforeAll(async () => {
    t = await createTestApp();
    world = await buildRoleWorld(t);
  });
  afterAll(() => t.close());

  const listMembers = (org: OrgFixture, query = "", cookie: string | null = org.admin.cookie) =>
    t.request({ method: "GET", url: orgUrl(org.orgId, `/members${query}`), cookie });
  const patchMember = (org: OrgFixture, userId: string, body: unknown, as: MemberFixture = org.admin) =>
    t.request({ method: "PATCH", url: orgUrl(org.orgId, `/members/${userId}`), cookie: as.cookie, body });
  const removeMember = (org: OrgFixture, userId: string, as: MemberFixture = org.admin) =>
    t.request({ method: "DELETE", url: orgUrl(org.orgId, `/members/${userId}`), cookie: as.cookie });

  describe.each(ACTORS)("as %s", (actor) => {
    it("GET /members is for admins and users, not viewers", async () => {
      const response = await listMembers(world.org, "", world.cookieOf(actor));
      expectAccess(response, actor, ["admin", "member", "teamOwner", "teamAdmin", "teamMember"], 200);
    });

    it("PATCH /members/:userId is for admins only", async () => {
      const response = await t.request({
        method: "PATCH",
        url: orgUrl(world.org.orgId, `/members/${world.people.member.userId}`),
        cookie: world.cookieOf(actor),
        body: { department: "sales" },
      });
      expectAccess(response, actor, ["admin"], 200);
    });

    it("DELETE /members/:userId is for admins only", async () => {
      const target = await t.addMember(world.org, { role: "member" });
      const response = await t.request({
        method: "DELETE",
        url: orgUrl(world.org.orgId, `/members/${target.userId}`),
        cookie: world.cookieOf(actor),
      });
      expectAccess(response, actor, ["admin"], 204);
    });
  });

  it("lists members in join order with role, department and teams, in pages", async () => {
    const org = await t.setupOrg({ plan: "business" });
    const teamId = await createTeam(t, org, "Design");
    const joined = [org.admin];
    for (const department of ["design", "ops", null, "ops"]) {
      joined.push(
        await t.addMember(org, {
          role: "member",
          ...(department && { department }),
          teamId,
          teamRole: "member",
        }),
      );
    }
    const first = await listMembers(org, "?limit=2");
    expectStatus(first, 200);
    const page1 = first.json();
    expect(page1.items).toHaveLength(2);
    expect(page1.items[0]).toEqual({
      userId: org.admin.userId,
      name: "Ada Admin",
      email: org.admin.email,
      role: "admin",
      department: null,
      status: "active",
      joinedAt: expect.any(String),
      teams: [
        { teamId, name: "Design", role: "owner" },
        { teamId: org.defaultTeamId, name: "General", role: "owner" },
      ],
      reportsTo: null,
    });
    expect(page1.items[1]).toMatchObject({ department: "design", teams: [{ teamId, role: "member" }] });
    expect(page1.nextCursor).toEqual(expect.any(String));

    const seen = [...page1.items];
    let cursor = page1.nextCursor;
    while (cursor) {
      const page = (await listMembers(org, `?limit=2&cursor=${cursor}`)).json();
      seen.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(seen.map((m) => m.userId)).toEqual(joined.map((m) => m.userId));
    expect((await listMembers(org)).json().nextCursor).toBeNull();
  });

  it("refuses bad paging: a forged cursor, limit out of range, unknown query fields", async () => {
    const org = world.org;
    expectError(await listMembers(org, "?cursor=bm90LWEtdXVpZA"), "VALIDATION_FAILED");
    expectError(await listMembers(org, "?cursor=%%%"), "VALIDATION_FAILED");
    expectError(await listMembers(org, "?limit=0"), "VALIDATION_FAILED");
    expectError(await listMembers(org, "?limit=101"), "VALIDATION_FAILED");
    expectError(await listMembers(org, "?limit=ten"), "VALIDATION_FAILED");
    expectError(await listMembers(org, "?role=admin"), "VALIDATION_FAILED");
  });

  it("an admin changes a member's role and department; the person sees it at once", async () => {
    const org = await t.setupOrg({ plan: "team" });
    const person = await t.addMember(org, { role: "viewer" });
    const response = await patchMember(org, person.userId, { role: "member", department: "  finance " });
    expectStatus(response, 200);
    expect(response.json()).toEqual({ userId: person.userId, role: "member", department: "finance" });
    expect((await getMe(t, person.cookie)).json().memberships[0]).toMatchObject({
      role: "member",
      department: "finance",
    });
    const cleared = await patchMember(org, person.userId, { department: null });
    expect(cleared.json()).toEqual({ userId: person.userId, role: "member", department: null });
    expectError(await patchMember(org, person.userId, { role: "owner" }), "VALIDATION_FAILED");
    expectError(await patchMember(org, person.userId, { email: "x@example.com" }), "VALIDATION_FAILED");
    expectError(await patchMember(org, UNKNOWN_ID, { role: "member" }), "NOT_FOUND");
  });

  it("a demoted admin loses admin powers on their very next request", async () => {
    const org = await t.setupOrg({ plan: "business" });
    const deputy = await t.addMember(org, { role: "member" });
    expectError(await postInvitation(t, org, {}, { as: deputy }), "FORBIDDEN");
    expectStatus(await patchMember(org, deputy.userId, { role: "admin" }), 200);
    expectStatus(await postInvitation(t, org, {}, { as: deputy }), 201);
    expectStatus(await patchMember(org, deputy.userId, { role: "viewer" }), 200);
    expectError(await postInvitation(t, org, {}, { as: deputy }), "FORBIDDEN");
    expectError(await listMembers(org, "", deputy.cookie), "FORBIDDEN");
    // Still signed in and still in the org, only with less access.
    expectStatus(await getOrg(t, org, deputy), 200);
  });

  it("the last admin can be neither demoted nor removed (LAST_ADMIN), not even by themselves", async () => {
    const org = await t.setupOrg({ plan: "team" });
    expectError(await patchMember(org, org.admin.userId, { role: "member" }), "LAST_ADMIN");
    expectError(await removeMember(org, org.admin.userId), "LAST_ADMIN");
    const second = await t.addMember(org, { role: "admin" });
    // With two admins, one may step down; then the other is the last again.
    expectStatus(await patchMember(org, second.userId, { role: "member" }, second), 200);
    expectError(await patchMember(org, org.admin.userId, { role: "viewer" }), "LAST_ADMIN");
    expect((await getMe(t, org.admin.cookie)).json().memberships[0].role).toBe("admin");
  });

  it("two admins demoting each other at the same moment leave the org with an admin", async () => {
    const org = await t.setupOrg({ plan: "team" });
    const second = await t.addMember(org, { role: "admin" });
    const [one, two] = await Promise.all([
      patchMember(org, second.userId, { role: "member" }, org.admin),
      patchMember(org, org.admin.userId, { role: "member" }, second),
    ]);
    // The loser is refused either as the last admin, or (if the winner committed before its access
    // was read) as no longer being an admin at all.
    expect([one, two].filter((r) => r.statusCode === 200)).toHaveLength(1);
    for (const r of [one, two].filter((x) => x.statusCode !== 200)) {
      expect(["LAST_ADMIN", "FORBIDDEN"]).toContain(r.json().error.code);
    }
    const admins = await t.deps.db
      .selectFrom("memberships")
      .select("user_id")
      .where("org_id", "=", org.orgId)
      .where("role", "=", "admin")
      .execute();
    expect(admins).toHaveLength(1);
  });

  it("two admins removing each other at the same moment leave the org with an admin", async () => {
    const org = await t.setupOrg({ plan: "team" });
    const second = await t.addMember(org, { role: "admin" });
    await t.request({
      method: "PATCH",
      url: orgUrl(org.orgId, `/teams/${org.defaultTeamId}/members/${second.userId}`),
      cookie: org.admin.cookie,
      body: { role: "owner" },
    });
    const results = await Promise.all([
      removeMember(org, second.userId, org.admin),
      removeMember(org, org.admin.userId, second),
    ]);
    expect(results.map((r) => r.statusCode).filter((s) => s === 204)).toHaveLength(1);
    const admins = await t.deps.db
      .selectFrom("memberships")
      .select("user_id")
      .where("org_id", "=", org.orgId)
      .where("role", "=", "admin")
      .execute();
    expect(admins).toHaveLength(1);
  });

  it("removing a member ends every session of theirs at once and frees their seat", async () => {
    const org = await t.setupOrg({ plan: "business" });
    const teamId = await createTeam(t, org, "Ops");
    const person = await t.addMember(org, { role: "admin", teamId, teamRole: "admin" });
    const secondBrowser = await t.signIn(person.email);
    expect((await getOrg(t, org)).json().seats.used).toBe(2);

    expectStatus(await removeMember(org, person.userId), 204);
    expectError(await getMe(t, person.cookie), "UNAUTHENTICATED");
    expectError(await getMe(t, secondBrowser), "UNAUTHENTICATED");
    expectError(await postInvitation(t, org, {}, { as: person }), "UNAUTHENTICATED");
    const members = (await listMembers(org)).json().items.map((m: { userId: string }) => m.userId);
    expect(members).toEqual([org.admin.userId]);
    const teamMembers = await t.request({
      method: "GET",
      url: orgUrl(org.orgId, `/teams/${teamId}/members`),
      cookie: org.admin.cookie,
    });
    expect(teamMembers.json().items.map((m: { userId: string }) => m.userId)).toEqual([org.admin.userId]);
    expect((await getOrg(t, org)).json().seats.used).toBe(1);

    // A removed person signs in again and is in no org; they can be invited back.
    const again = await t.signIn(person.email);
    expect((await getMe(t, again)).json().memberships).toEqual([]);
    expectError(await getOrg(t, org, { ...person, cookie: again }), "NOT_FOUND");
    expectStatus(await postInvitation(t, org, { email: person.email }), 201);
  });

  it("removing someone who is the only owner of a team is refused with LAST_TEAM_OWNER, naming the team", async () => {
    const org = await t.setupOrg({ plan: "business" });
    const second = await t.addMember(org, { role: "admin" });
    const response = await removeMember(org, org.admin.userId, second);
    expect(expectError(response, "LAST_TEAM_OWNER").message).toContain("General");
    const promote = await t.request({
      method: "PATCH",
      url: orgUrl(org.orgId, `/teams/${org.defaultTeamId}/members/${second.userId}`),
      cookie: second.cookie,
      body: { role: "owner" },
    });
    expectStatus(promote, 200);
    expectStatus(await removeMember(org, org.admin.userId, second), 204);
    expectError(await getMe(t, org.admin.cookie), "UNAUTHENTICATED");
  });

  it("removing someone who is not a member is NOT_FOUND, including a member of another org", async () => {
    const org = await t.setupOrg({ plan: "team" });
    expectError(await removeMember(org, UNKNOWN_ID), "NOT_FOUND");
    expectError(await removeMember(org, world.people.member.userId), "NOT_FOUND");
    expectError(await patchMember(org, world.people.member.userId, { role: "viewer" }), "NOT_FOUND");
    expectStatus(await getMe(t, world.people.member.cookie), 200);
    expect((await getMe(t, world.people.member.cookie)).json().memberships[0].role).toBe("member");
  });
});
