import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLAN_RULES } from "../../src/domain/plans.js";
import {
  createInvitation,
  createTeam,
  expectError,
  expectStatus,
  getMe,
  getOrg,
  invitationAction,
  orgUrl,
  patchOrg,
  postInvitation,
  signUpWith,
} from "../harness/api.js";
import { createTestApp, type TestApp } from "../harness/app.js";
import { ACTORS, buildRoleWorld, expectAccess, type RoleWorld } from "../harness/roles.js";

const FREE_SENTENCE =
  "On the Free plan, this workspace is limited to one user on one team. Upgrade when you are ready to invite others.";

describe("organizations", () => {
  let t: TestApp;
  let world: RoleWorld;

  beforeAll(async () => {
    t = await createTestApp();
    world = await buildRoleWorld(t);
  });
  afterAll(() => t.close());

  describe.each(ACTORS)("as %s", (actor) => {
    it("GET /orgs/:orgId is open to every member of the org", async () => {
      const response = await t.request({
        method: "GET",
        url: orgUrl(world.org.orgId),
        cookie: world.cookieOf(actor),
      });
      expectAccess(
        response,
        actor,
        ACTORS.filter((a) => a !== "signedOut" && a !== "otherOrgAdmin"),
        200,
      );
    });

    it("PATCH /orgs/:orgId is for org admins only", async () => {
      const response = await t.request({
        method: "PATCH",
        url: orgUrl(world.org.orgId),
        cookie: world.cookieOf(actor),
        body: { name: `Acme by ${actor}` },
      });
      expectAccess(response, actor, ["admin"], 200);
    });
  });

  it("GET /orgs/:orgId has the contract's shape with seats used and pending", async () => {
    const org = await t.setupOrg({ plan: "team", name: "Seat Co" });
    await t.addMember(org, { role: "member" });
    await createInvitation(t, org);
    const response = await getOrg(t, org);
    expectStatus(response, 200);
    expect(response.json()).toEqual({
      id: org.orgId,
      name: "Seat Co",
      plan: "team",
      defaultTeamId: org.defaultTeamId,
      seats: { limit: 50, used: 2, pending: 1 },
      createdAt: expect.any(String),
    });
  });

  it("pending counts only live invitations: revoked, accepted and expired ones give their seat back", async () => {
    const org = await t.setupOrg({ plan: "business" });
    const revoked = await createInvitation(t, org);
    await createInvitation(t, org, { expiresInDays: 1 });
    const accepted = await createInvitation(t, org, { expiresInDays: 30 });
    expect((await getOrg(t, org)).json().seats).toEqual({ limit: 500, used: 1, pending: 3 });
    expectStatus(await invitationAction(t, org, revoked.invitation.id, "revoke"), 200);
    expectStatus(await signUpWith(t, accepted.token), 200);
    t.clock.advanceDays(2);
    expect((await getOrg(t, org)).json().seats).toEqual({ limit: 500, used: 2, pending: 0 });
  });

  it("an admin renames the org and sets or resets its seat limit", async () => {
    const org = await t.setupOrg({ plan: "business" });
    const renamed = await patchOrg(t, org, { name: "  Acme Two  ", seatLimit: 7 });
    expectStatus(renamed, 200);
    expect(renamed.json()).toMatchObject({ name: "Acme Two", seats: { limit: 7, used: 1 } });
    const reset = await patchOrg(t, org, { seatLimit: null });
    expect(reset.json().seats.limit).toBe(500);
    expect((await getMe(t, org.admin.cookie)).json().memberships[0].orgName).toBe("Acme Two");
  });

  it("refuses a seat limit below the number of members, and bad values", async () => {
    const org = await t.setupOrg({ plan: "business" });
    await t.addMember(org, { role: "member" });
    expectError(await patchOrg(t, org, { seatLimit: 1 }), "VALIDATION_FAILED");
    expectError(await patchOrg(t, org, { seatLimit: 0 }), "VALIDATION_FAILED");
    expectError(await patchOrg(t, org, { seatLimit: 2.5 }), "VALIDATION_FAILED");
    expectError(await patchOrg(t, org, { plan: "gold" }), "VALIDATION_FAILED");
    expectError(await patchOrg(t, org, { name: "" }), "VALIDATION_FAILED");
    expectError(await patchOrg(t, org, { id: world.other.orgId }), "VALIDATION_FAILED");
    expectStatus(await patchOrg(t, org, { seatLimit: 2 }), 200);
  });

  it("a seat limit counts members plus pending invitations when inviting", async () => {
    const org = await t.setupOrg({ plan: "business" });
    await createInvitation(t, org);
    expectStatus(await patchOrg(t, org, { seatLimit: 3 }), 200);
    await createInvitation(t, org);
    const full = await postInvitation(t, org);
    expect(expectError(full, "SEAT_LIMIT_REACHED").message).toMatch(/seat/i);
    expect(full.json().error.details).toEqual({ limit: 3, used: 1, pending: 2 });
  });

  describe("plans", () => {
    it("Free is solo: inviting is refused with the seed's sentence, and the seat limit is one", async () => {
      const org = await t.setupOrg({ plan: "free" });
      const response = await postInvitation(t, org);
      expect(expectError(response, "PLAN_LIMIT").message).toBe(FREE_SENTENCE);
      expect(PLAN_RULES.free.usersPageHelp).toBe(FREE_SENTENCE);
      expect((await getOrg(t, org)).json()).toMatchObject({
        plan: "free",
        seats: { limit: 1, used: 1, pending: 0 },
      });
      const rows = await t.deps.db
        .selectFrom("invitations")
        .select("id")
        .where("org_id", "=", org.orgId)
        .execute();
      expect(rows).toHaveLength(0);
    });

    it("upgrading Free to Team turns invitations on", async () => {
      const org = await t.setupOrg({ plan: "free" });
      const upgraded = await patchOrg(t, org, { plan: "team" });
      expectStatus(upgraded, 200);
      expect(upgraded.json()).toMatchObject({ plan: "team", seats: { limit: 50 } });
      await t.addMember(org, { role: "member" });
    });

    it("a downgrade to Free is refused while anyone else is in the org or invited", async () => {
      const withMember = await t.setupOrg({ plan: "team" });
      await t.addMember(withMember, { role: "member" });
      const refused = await patchOrg(t, withMember, { plan: "free" });
      expect(expectError(refused, "PLAN_LIMIT").message).toMatch(/one user.*Remove the other members/);

      const withInvite = await t.setupOrg({ plan: "team" });
      const pending = await createInvitation(t, withInvite);
      expectError(await patchOrg(t, withInvite, { plan: "free" }), "PLAN_LIMIT");
      expectStatus(await invitationAction(t, withInvite, pending.invitation.id, "revoke"), 200);
      expectStatus(await patchOrg(t, withInvite, { plan: "free" }), 200);
      expect((await getOrg(t, withInvite)).json().plan).toBe("free");
    });

    it("a downgrade to Team is refused while there are teams besides the default one, naming them", async () => {
      const org = await t.setupOrg({ plan: "business" });
      const teamId = await createTeam(t, org, "Sales");
      const refused = await patchOrg(t, org, { plan: "team" });
      expect(expectError(refused, "PLAN_LIMIT").message).toContain("Sales");
      expect((await getOrg(t, org)).json().plan).toBe("business");
      expectStatus(
        await t.request({
          method: "DELETE",
          url: orgUrl(org.orgId, `/teams/${teamId}`),
          cookie: org.admin.cookie,
        }),
        204,
      );
      expectStatus(await patchOrg(t, org, { plan: "team" }), 200);
    });

    it("after a downgrade to Team every member is in the single default team", async () => {
      const org = await t.setupOrg({ plan: "business" });
      const teamId = await createTeam(t, org, "Temporary");
      const person = await t.addMember(org, { role: "member", teamId, teamRole: "admin" });
      expectStatus(
        await t.request({
          method: "DELETE",
          url: orgUrl(org.orgId, `/teams/${teamId}`),
          cookie: org.admin.cookie,
        }),
        204,
      );
      expect((await getMe(t, person.cookie)).json().memberships[0].teams).toEqual([]);
      expectStatus(await patchOrg(t, org, { plan: "team" }), 200);
      expect((await getMe(t, person.cookie)).json().memberships[0].teams).toEqual([
        { teamId: org.defaultTeamId, name: "General", role: "member" },
      ]);
    });
  });
});

describe("plan downgrades and seat limits from the configuration", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { SEAT_LIMIT_TEAM: "2", SEAT_LIMIT_BUSINESS: "unlimited" } });
  });
  afterAll(() => t.close());

  it("shows the configured limits, null for unlimited", async () => {
    const business = await t.setupOrg({ plan: "business" });
    expect((await getOrg(t, business)).json().seats.limit).toBeNull();
    const team = await t.setupOrg({ plan: "team" });
    expect((await getOrg(t, team)).json().seats.limit).toBe(2);
  });

  it("refuses a downgrade to a plan whose seats the members do not fit in, with a clear message", async () => {
    const org = await t.setupOrg({ plan: "business" });
    await t.addMember(org, { role: "member" });
    await t.addMember(org, { role: "member" });
    const refused = await patchOrg(t, org, { plan: "team" });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toMatch(/3 active members, more than 2 seats/);
    expect((await getOrg(t, org)).json().plan).toBe("business");
    // A higher explicit limit makes the same downgrade fit.
    expectStatus(await patchOrg(t, org, { plan: "team", seatLimit: 5 }), 200);
  });
});
