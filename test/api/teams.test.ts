import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createInvitation,
  createTeam,
  expectError,
  expectStatus,
  getMe,
  invitationUrl,
  orgUrl,
  signUpWith,
  UNKNOWN_ID,
} from "../harness/api.js";
import { createTestApp, type MemberFixture, type OrgFixture, type TestApp } from "../harness/app.js";
import { ACTORS, type Actor, buildRoleWorld, expectAccess, type RoleWorld } from "../harness/roles.js";

const TEAM_MANAGERS: Actor[] = ["admin", "teamOwner", "teamAdmin"];
const ORG_USERS: Actor[] = ["admin", "member", "teamOwner", "teamAdmin", "teamMember"];

describe("teams", () => {
  let t: TestApp;
  let world: RoleWorld;

  beforeAll(async () => {
    t = await createTestApp();
    world = await buildRoleWorld(t);
  });
  afterAll(() => t.close());

  const teamMembersUrl = (org: OrgFixture, teamId: string, userId = "") =>
    orgUrl(org.orgId, `/teams/${teamId}/members${userId && `/${userId}`}`);
  const addToTeam = (org: OrgFixture, teamId: string, userId: string, role: string, as: MemberFixture) =>
    t.request({
      method: "POST",
      url: teamMembersUrl(org, teamId),
      cookie: as.cookie,
      body: { userId, role },
    });
  const setTeamRole = (org: OrgFixture, teamId: string, userId: string, role: string, as: MemberFixture) =>
    t.request({
      method: "PATCH",
      url: teamMembersUrl(org, teamId, userId),
      cookie: as.cookie,
      body: { role },
    });
  const removeFromTeam = (org: OrgFixture, teamId: string, userId: string, as: MemberFixture) =>
    t.request({ method: "DELETE", url: teamMembersUrl(org, teamId, userId), cookie: as.cookie });
  /** A fresh org member who is in `world`'s Research team with `role`. */
  const researcher = async (role: "member" | "admin" | "owner") =>
    t.addMember(world.org, { role: "member", teamId: world.teamId, teamRole: role });

  describe.each(ACTORS)("as %s", (actor) => {
    const as = () => world.cookieOf(actor);

    it("GET /teams is for admins and users", async () => {
      const response = await t.request({
        method: "GET",
        url: orgUrl(world.org.orgId, "/teams"),
        cookie: as(),
      });
      expectAccess(response, actor, ORG_USERS, 200);
    });

    it("POST /teams is for org admins only", async () => {
      const response = await t.request({
        method: "POST",
        url: orgUrl(world.org.orgId, "/teams"),
        cookie: as(),
        body: { name: `Made by ${actor}` },
      });
      expectAccess(response, actor, ["admin"], 201);
    });

    it("PATCH /teams/:teamId (rename) is for org admins, team owners and team admins", async () => {
      const response = await t.request({
        method: "PATCH",
        url: orgUrl(world.org.orgId, `/teams/${world.teamId}`),
        cookie: as(),
        body: { name: "Research" },
      });
      expectAccess(response, actor, TEAM_MANAGERS, 200);
    });

    it("DELETE /teams/:teamId is for org admins only, not even the team's owner", async () => {
      const teamId = await createTeam(t, world.org, `Doomed ${actor}`);
      await addToTeam(world.org, teamId, world.people.teamOwner.userId, "owner", world.org.admin);
      const response = await t.request({
        method: "DELETE",
        url: orgUrl(world.org.orgId, `/teams/${teamId}`),
        cookie: as(),
      });
      expectAccess(response, actor, ["admin"], 204);
    });

    it("GET /teams/:teamId/members is for admins, users and the team's own members", async () => {
      const response = await t.request({
        method: "GET",
        url: teamMembersUrl(world.org, world.teamId),
        cookie: as(),
      });
      expectAccess(response, actor, ORG_USERS, 200);
    });

    it("POST /teams/:teamId/members is for org admins, team owners and team admins", async () => {
      const person = await t.addMember(world.org, { role: "member" });
      const response = await t.request({
        method: "POST",
        url: teamMembersUrl(world.org, world.teamId),
        cookie: as(),
        body: { userId: person.userId, role: "member" },
      });
      expectAccess(response, actor, TEAM_MANAGERS, 201);
    });

    it("PATCH /teams/:teamId/members/:userId is for org admins, team owners and team admins", async () => {
      const person = await researcher("member");
      const response = await t.request({
        method: "PATCH",
        url: teamMembersUrl(world.org, world.teamId, person.userId),
        cookie: as(),
        body: { role: "admin" },
      });
      expectAccess(response, actor, TEAM_MANAGERS, 200);
    });

    it("DELETE /teams/:teamId/members/:userId is for org admins, team owners and team admins", async () => {
      const person = await researcher("member");
      const response = await t.request({
        method: "DELETE",
        url: teamMembersUrl(world.org, world.teamId, person.userId),
        cookie: as(),
      });
      expectAccess(response, actor, TEAM_MANAGERS, 204);
    });
  });

  it("lists teams and their members with team roles; a new team's creator is its owner", async () => {
    const org = await t.setupOrg({ plan: "enterprise" });
    const created = await t.request({
      method: "POST",
      url: orgUrl(org.orgId, "/teams"),
      cookie: org.admin.cookie,
      body: { name: "  Platform  " },
    });
    expectStatus(created, 201);
    expect(created.json()).toEqual({
      id: expect.any(String),
      name: "Platform",
      isDefault: false,
      memberCount: 1,
      createdAt: expect.any(String),
    });
    const teamId = created.json().id;
    const person = await t.addMember(org, { role: "viewer", teamId, teamRole: "admin" });
    const teams = (
      await t.request({ method: "GET", url: orgUrl(org.orgId, "/teams"), cookie: org.admin.cookie })
    ).json();
    expect(teams.nextCursor).toBeNull();
    expect(
      teams.items.map((x: { name: string; isDefault: boolean; memberCount: number }) => [
        x.name,
        x.isDefault,
        x.memberCount,
      ]),
    ).toEqual([
      ["General", true, 1],
      ["Platform", false, 2],
    ]);
    const members = await t.request({
      method: "GET",
      url: teamMembersUrl(org, teamId),
      cookie: person.cookie,
    });
    expectStatus(members, 200);
    expect(members.json().items).toEqual([
      {
        userId: org.admin.userId,
        name: "Ada Admin",
        email: org.admin.email,
        role: "owner",
        addedAt: expect.any(String),
      },
      {
        userId: person.userId,
        name: person.name,
        email: person.email,
        role: "admin",
        addedAt: expect.any(String),
      },
    ]);
  });

  it("one person holds a different role in each team, independent of the org role", async () => {
    const org = await t.setupOrg({ plan: "business" });
    const a = await createTeam(t, org, "Alpha");
    const b = await createTeam(t, org, "Beta");
    const person = await t.addMember(org, { role: "viewer", teamId: a, teamRole: "owner" });
    expectStatus(await addToTeam(org, b, person.userId, "member", org.admin), 201);
    const me = (await getMe(t, person.cookie)).json().memberships[0];
    expect(me.role).toBe("viewer");
    expect(me.teams).toEqual([
      { teamId: a, name: "Alpha", role: "owner" },
      { teamId: b, name: "Beta", role: "member" },
    ]);
    // Owner of Alpha manages Alpha, but is only a member of Beta.
    const other = await t.addMember(org, { role: "member" });
    expectStatus(await addToTeam(org, a, other.userId, "admin", person), 201);
    expectError(await addToTeam(org, b, other.userId, "member", person), "FORBIDDEN");
  });

  it("a team admin cannot make anyone a team owner (ROLE_ABOVE_YOUR_OWN)", async () => {
    const person = await researcher("member");
    const teamAdmin = world.people.teamAdmin;
    expectError(
      await setTeamRole(world.org, world.teamId, person.userId, "owner", teamAdmin),
      "ROLE_ABOVE_YOUR_OWN",
    );
    const outsider = await t.addMember(world.org, { role: "member" });
    expectError(
      await addToTeam(world.org, world.teamId, outsider.userId, "owner", teamAdmin),
      "ROLE_ABOVE_YOUR_OWN",
    );
    expectStatus(await setTeamRole(world.org, world.teamId, person.userId, "admin", teamAdmin), 200);
    expectStatus(await setTeamRole(world.org, world.teamId, person.userId, "member", teamAdmin), 200);
  });

  it("a team admin cannot demote or remove a team owner", async () => {
    const owner = await researcher("owner");
    const teamAdmin = world.people.teamAdmin;
    expectError(await setTeamRole(world.org, world.teamId, owner.userId, "member", teamAdmin), "FORBIDDEN");
    expectError(await removeFromTeam(world.org, world.teamId, owner.userId, teamAdmin), "FORBIDDEN");
    const members = await t.request({
      method: "GET",
      url: teamMembersUrl(world.org, world.teamId),
      cookie: world.org.admin.cookie,
    });
    expect(members.json().items).toContainEqual(
      expect.objectContaining({ userId: owner.userId, role: "owner" }),
    );
  });

  it("a team owner changes everything in their team, owners included", async () => {
    const person = await researcher("member");
    const owner = world.people.teamOwner;
    expectStatus(await setTeamRole(world.org, world.teamId, person.userId, "owner", owner), 200);
    expectStatus(await setTeamRole(world.org, world.teamId, person.userId, "admin", owner), 200);
    expectStatus(await setTeamRole(world.org, world.teamId, person.userId, "owner", owner), 200);
    expectStatus(await removeFromTeam(world.org, world.teamId, person.userId, owner), 204);
  });

  it("an org admin who is not in the team changes everything in it, owners included", async () => {
    const outsideAdmin = await t.addMember(world.org, { role: "admin" });
    const owner = await researcher("owner");
    expectStatus(await setTeamRole(world.org, world.teamId, owner.userId, "member", outsideAdmin), 200);
    expectStatus(await setTeamRole(world.org, world.teamId, owner.userId, "owner", outsideAdmin), 200);
    expectStatus(await removeFromTeam(world.org, world.teamId, owner.userId, outsideAdmin), 204);
    const fresh = await t.addMember(world.org, { role: "viewer" });
    expectStatus(await addToTeam(world.org, world.teamId, fresh.userId, "owner", outsideAdmin), 201);
  });

  it("a team member changes nothing, and a team admin of one team nothing in another", async () => {
    const person = await researcher("member");
    expectError(
      await setTeamRole(world.org, world.teamId, person.userId, "admin", world.people.teamMember),
      "FORBIDDEN",
    );
    const otherTeam = await createTeam(t, world.org, "Elsewhere");
    const elsewhere = await t.addMember(world.org, { role: "member", teamId: otherTeam, teamRole: "member" });
    expectError(
      await removeFromTeam(world.org, otherTeam, elsewhere.userId, world.people.teamAdmin),
      "FORBIDDEN",
    );
    expectError(
      await setTeamRole(world.org, otherTeam, elsewhere.userId, "admin", world.people.teamOwner),
      "FORBIDDEN",
    );
  });

  it("the last owner of a team can be neither demoted nor removed (LAST_TEAM_OWNER)", async () => {
    const org = await t.setupOrg({ plan: "business" });
    const teamId = await createTeam(t, org, "Solo");
    expectError(await setTeamRole(org, teamId, org.admin.userId, "admin", org.admin), "LAST_TEAM_OWNER");
    expectError(await removeFromTeam(org, teamId, org.admin.userId, org.admin), "LAST_TEAM_OWNER");
    const second = await t.addMember(org, { role: "member", teamId, teamRole: "owner" });
    expectStatus(await setTeamRole(org, teamId, org.admin.userId, "member", second), 200);
    expectError(await setTeamRole(org, teamId, second.userId, "admin", second), "LAST_TEAM_OWNER");
  });

  it("adding someone outside the org is NOT_FOUND; adding someone twice is ALREADY_MEMBER", async () => {
    const person = await t.addMember(world.org, { role: "member" });
    expectError(
      await addToTeam(world.org, world.teamId, world.other.admin.userId, "member", world.org.admin),
      "NOT_FOUND",
    );
    expectError(await addToTeam(world.org, world.teamId, UNKNOWN_ID, "member", world.org.admin), "NOT_FOUND");
    expectStatus(await addToTeam(world.org, world.teamId, person.userId, "member", world.org.admin), 201);
    expectError(
      await addToTeam(world.org, world.teamId, person.userId, "admin", world.org.admin),
      "ALREADY_MEMBER",
    );
    expectError(
      await setTeamRole(world.org, world.teamId, UNKNOWN_ID, "admin", world.org.admin),
      "NOT_FOUND",
    );
    expectError(await removeFromTeam(world.org, UNKNOWN_ID, person.userId, world.org.admin), "NOT_FOUND");
  });

  it("team names are unique per org regardless of case, on create and on rename", async () => {
    const org = await t.setupOrg({ plan: "business" });
    const teamId = await createTeam(t, org, "Finance");
    const create = (name: string) =>
      t.request({
        method: "POST",
        url: orgUrl(org.orgId, "/teams"),
        cookie: org.admin.cookie,
        body: { name },
      });
    expectError(await create("FINANCE"), "TEAM_NAME_TAKEN");
    expectError(await create("general"), "TEAM_NAME_TAKEN");
    expectError(await create("   "), "VALIDATION_FAILED");
    expectError(await create("x".repeat(65)), "VALIDATION_FAILED");
    const rename = (name: string) =>
      t.request({
        method: "PATCH",
        url: orgUrl(org.orgId, `/teams/${teamId}`),
        cookie: org.admin.cookie,
        body: { name },
      });
    expectError(await rename("General"), "TEAM_NAME_TAKEN");
    const renamed = await rename("Money");
    expect(renamed.json()).toEqual({ id: teamId, name: "Money" });
    // Another org may use the same name.
    await createTeam(t, world.other, "Money");
  });

  it("the default team cannot be deleted; deleting a team sends its pending invitations to the default team", async () => {
    const org = await t.setupOrg({ plan: "business" });
    const del = (teamId: string) =>
      t.request({ method: "DELETE", url: orgUrl(org.orgId, `/teams/${teamId}`), cookie: org.admin.cookie });
    expectError(await del(org.defaultTeamId), "DEFAULT_TEAM");
    const teamId = await createTeam(t, org, "Short-lived");
    const pending = await createInvitation(t, org, { teamId, teamRole: "admin" });
    expectStatus(await del(teamId), 204);
    expectError(await del(teamId), "NOT_FOUND");
    const listed = await t.request({
      method: "GET",
      url: orgUrl(org.orgId, "/invitations"),
      cookie: org.admin.cookie,
    });
    expect(listed.json().items[0]).toMatchObject({ id: pending.invitation.id, teamId: null, teamRole: null });
    const accepted = await signUpWith(t, pending.token);
    expect(accepted.json().membership.teams).toEqual([
      { teamId: org.defaultTeamId, name: "General", role: "member" },
    ]);
    const history = await t.request({
      method: "GET",
      url: invitationUrl(org.orgId, pending.invitation.id, "/history"),
      cookie: org.admin.cookie,
    });
    expect(history.json().items.map((e: { action: string }) => e.action)).toContain("invitation.accepted");
  });

  describe("on the Team plan: one auto-created team, no team roles", () => {
    let org: OrgFixture;
    let person: MemberFixture;
    beforeAll(async () => {
      org = await t.setupOrg({ plan: "team" });
      person = await t.addMember(org, { role: "member" });
    });

    it("everyone is in the default team as a member", async () => {
      const teams = (
        await t.request({ method: "GET", url: orgUrl(org.orgId, "/teams"), cookie: person.cookie })
      ).json();
      expect(teams.items).toEqual([
        expect.objectContaining({ id: org.defaultTeamId, name: "General", memberCount: 2 }),
      ]);
      expect((await getMe(t, person.cookie)).json().memberships[0].teams).toEqual([
        { teamId: org.defaultTeamId, name: "General", role: "member" },
      ]);
    });

    it("creating a team is refused with PLAN_LIMIT", async () => {
      const response = await t.request({
        method: "POST",
        url: orgUrl(org.orgId, "/teams"),
        cookie: org.admin.cookie,
        body: { name: "Sales" },
      });
      expect(expectError(response, "PLAN_LIMIT").message).toMatch(/Business or Enterprise/);
    });

    it("team roles cannot be given or changed (PLAN_LIMIT)", async () => {
      expectError(await setTeamRole(org, org.defaultTeamId, person.userId, "admin", org.admin), "PLAN_LIMIT");
      expectError(await removeFromTeam(org, org.defaultTeamId, person.userId, org.admin), "PLAN_LIMIT");
      const outsider = await t.addMember(org, { role: "viewer" });
      expectError(
        await addToTeam(org, org.defaultTeamId, outsider.userId, "member", org.admin),
        "PLAN_LIMIT",
      );
    });
  });
});
