import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  acceptInvitation,
  createInvitation,
  createTeam,
  expectError,
  expectStatus,
  getMe,
  getOrg,
  patchOrg,
  postInvitation,
  previewInvitation,
  signUpWith,
} from "../harness/api.js";
import {
  cookieFrom,
  createTestApp,
  DEFAULT_PASSWORD,
  type OrgFixture,
  type TestApp,
} from "../harness/app.js";

describe("accepting an invitation", () => {
  let t: TestApp;
  let org: OrgFixture;
  let teamId: string;

  beforeAll(async () => {
    t = await createTestApp();
    org = await t.setupOrg({ plan: "business", name: "Acme" });
    teamId = await createTeam(t, org, "Marketing");
  });
  afterAll(() => t.close());

  describe("preview", () => {
    it("tells the link's holder who invited them to which org, with which role and team", async () => {
      const { token, invitation } = await createInvitation(t, org, {
        role: "admin",
        teamId,
        teamRole: "owner",
        department: "marketing",
        message: "Welcome!",
      });
      const response = await previewInvitation(t, token);
      expectStatus(response, 200);
      expect(response.json()).toEqual({
        orgName: "Acme",
        plan: "business",
        inviterName: "Ada Admin",
        email: invitation.email,
        role: "admin",
        teamName: "Marketing",
        teamRole: "owner",
        department: "marketing",
        message: "Welcome!",
        expiresAt: invitation.expiresAt,
        status: "pending",
        hasAccount: false,
      });
    });

    it("an unknown, malformed or empty token learns nothing", async () => {
      expectError(await previewInvitation(t, "A".repeat(43)), "INVITATION_NOT_FOUND");
      expectError(await previewInvitation(t, "not a token"), "INVITATION_NOT_FOUND");
      expectError(await previewInvitation(t, ""), "VALIDATION_FAILED");
      const extra = await t.request({
        method: "POST",
        url: "/api/v1/invitations/preview",
        body: { token: "A".repeat(43), orgId: org.orgId },
      });
      expectError(extra, "VALIDATION_FAILED");
    });
  });

  describe("a new person", () => {
    it("signs up with name and password and lands signed in, with the invitation's role, team and team role", async () => {
      const { token, invitation } = await createInvitation(t, org, {
        role: "viewer",
        teamId,
        teamRole: "admin",
        department: "marketing",
      });
      const response = await acceptInvitation(t, { token, name: "  Nia New ", password: "nia's password" });
      expectStatus(response, 200);
      const body = response.json();
      expect(body).toEqual({
        user: { id: expect.any(String), email: invitation.email, name: "Nia New" },
        membership: {
          orgId: org.orgId,
          orgName: "Acme",
          role: "viewer",
          department: "marketing",
          teams: [{ teamId, name: "Marketing", role: "admin" }],
        },
      });
      const cookie = cookieFrom(response);
      const me = await getMe(t, cookie);
      expect(me.json()).toEqual({
        user: body.user,
        memberships: [{ ...body.membership, plan: "business" }],
      });
      expectStatus(await getOrg(t, org, { ...org.admin, cookie }), 200);
      expect((await previewInvitation(t, token)).json().status).toBe("accepted");
    });

    it("without a team, joins the default team as a member", async () => {
      const { token } = await createInvitation(t, org);
      const response = await signUpWith(t, token);
      expect(response.json().membership.teams).toEqual([
        { teamId: org.defaultTeamId, name: "General", role: "member" },
      ]);
    });

    it("cannot choose another email: an email field is refused as unknown", async () => {
      const { token } = await createInvitation(t, org);
      const response = await acceptInvitation(t, {
        token,
        name: "Eve",
        password: DEFAULT_PASSWORD,
        email: "eve@evil.example",
      });
      expect(expectError(response, "VALIDATION_FAILED").message).toContain("email");
      const users = await t.deps.db
        .selectFrom("users")
        .select("id")
        .where("email", "=", "eve@evil.example")
        .execute();
      expect(users).toHaveLength(0);
    });

    it("needs a name and a password of at least 8 characters", async () => {
      const { token } = await createInvitation(t, org);
      expectError(await acceptInvitation(t, { token, password: DEFAULT_PASSWORD }), "VALIDATION_FAILED");
      expectError(await acceptInvitation(t, { token, name: "No Password" }), "VALIDATION_FAILED");
      expectError(
        await acceptInvitation(t, { token, name: "   ", password: DEFAULT_PASSWORD }),
        "VALIDATION_FAILED",
      );
      expectError(
        await acceptInvitation(t, { token, name: "Short", password: "1234567" }),
        "VALIDATION_FAILED",
      );
      expectStatus(await signUpWith(t, token), 200);
    });
  });

  describe("a person who already has an account", () => {
    it("without a session is asked to sign in first (ACCOUNT_EXISTS)", async () => {
      const other = await t.setupOrg({ plan: "team" });
      const { token } = await createInvitation(t, org, { email: other.admin.email });
      expect((await previewInvitation(t, token)).json().hasAccount).toBe(true);
      expectError(await acceptInvitation(t, { token }), "ACCOUNT_EXISTS");
      expectError(await acceptInvitation(t, { token, name: "Takeover" }), "ACCOUNT_EXISTS");
    });

    it("a wrong password neither signs in nor accepts", async () => {
      const other = await t.setupOrg({ plan: "team" });
      const { token } = await createInvitation(t, org, { email: other.admin.email });
      expectError(await acceptInvitation(t, { token, password: "wrong password" }), "INVALID_CREDENTIALS");
      expect((await previewInvitation(t, token)).json().status).toBe("pending");
    });

    it("with their password signs in and accepts in one step, keeping their other orgs", async () => {
      const other = await t.setupOrg({ plan: "team", name: "Home Org" });
      const { token } = await createInvitation(t, org, { email: other.admin.email, role: "member" });
      const response = await acceptInvitation(t, { token, password: DEFAULT_PASSWORD });
      expectStatus(response, 200);
      expect(response.json().user).toEqual({
        id: other.admin.userId,
        email: other.admin.email,
        name: "Ada Admin",
      });
      const me = (await getMe(t, cookieFrom(response))).json();
      expect(me.memberships.map((m: { orgName: string; role: string }) => [m.orgName, m.role])).toEqual([
        ["Home Org", "admin"],
        ["Acme", "member"],
      ]);
    });

    it("a removed member who is invited back rejoins with their existing account and password", async () => {
      const target = await t.setupOrg({ plan: "team" });
      const person = await t.addMember(target, { role: "admin" });
      const removed = await t.request({
        method: "DELETE",
        url: `/api/v1/orgs/${target.orgId}/members/${person.userId}`,
        cookie: target.admin.cookie,
      });
      expectStatus(removed, 204);
      const { token } = await createInvitation(t, target, { email: person.email, role: "viewer" });
      expectError(await acceptInvitation(t, { token, name: "Impostor" }), "ACCOUNT_EXISTS");
      const impostor = await acceptInvitation(t, { token, name: "Impostor", password: "a new password" });
      expectError(impostor, "INVALID_CREDENTIALS");
      const back = await acceptInvitation(t, { token, password: DEFAULT_PASSWORD });
      expectStatus(back, 200);
      expect(back.json()).toMatchObject({
        user: { id: person.userId, name: person.name },
        membership: { role: "viewer", teams: [{ teamId: target.defaultTeamId, role: "member" }] },
      });
    });

    it("signed in with the invited email, accepts without a password", async () => {
      const other = await t.setupOrg({ plan: "team" });
      const { token } = await createInvitation(t, org, { email: other.admin.email, role: "viewer" });
      const response = await acceptInvitation(t, { token }, other.admin.cookie);
      expectStatus(response, 200);
      expect(response.json().membership).toMatchObject({ orgId: org.orgId, role: "viewer" });
      expect((await getMe(t, other.admin.cookie)).json().memberships).toHaveLength(2);
    });

    it("signed in as someone else gets INVITATION_EMAIL_MISMATCH and the invitation stays pending", async () => {
      const intruder = await t.setupOrg({ plan: "team" });
      const { token } = await createInvitation(t, org);
      const response = await acceptInvitation(
        t,
        { token, name: "Intruder", password: DEFAULT_PASSWORD },
        intruder.admin.cookie,
      );
      expectError(response, "INVITATION_EMAIL_MISMATCH");
      expect((await getMe(t, intruder.admin.cookie)).json().memberships).toHaveLength(1);
      expect((await previewInvitation(t, token)).json().status).toBe("pending");
      expectStatus(await signUpWith(t, token), 200);
    });
  });

  describe("a token works once", () => {
    it("a second accept is INVITATION_USED (409), whoever tries", async () => {
      const { token, invitation } = await createInvitation(t, org);
      const first = await signUpWith(t, token, "First");
      expectStatus(first, 200);
      expectError(await signUpWith(t, token, "Second"), "INVITATION_USED");
      expectError(await acceptInvitation(t, { token }, cookieFrom(first)), "INVITATION_USED");
      const users = await t.deps.db
        .selectFrom("users")
        .select("name")
        .where("email", "=", invitation.email)
        .execute();
      expect(users).toEqual([{ name: "First" }]);
    });

    it("concurrent accepts of one token make exactly one membership", async () => {
      const target = await t.setupOrg({ plan: "business" });
      const { token, invitation } = await createInvitation(t, target);
      const responses = await Promise.all(
        Array.from({ length: 8 }, (_, i) => signUpWith(t, token, `Racer ${i}`)),
      );
      const winners = responses.filter((r) => r.statusCode === 200);
      expect(winners).toHaveLength(1);
      for (const loser of responses.filter((r) => r.statusCode !== 200)) {
        expect(loser.statusCode, loser.body).toBeGreaterThanOrEqual(400);
        expect(loser.statusCode).toBeLessThan(500);
        expect(["INVITATION_USED", "ACCOUNT_EXISTS"]).toContain(loser.json().error.code);
        expect(loser.cookies).toHaveLength(0);
      }
      const users = await t.deps.db
        .selectFrom("users")
        .select(["id", "name"])
        .where("email", "=", invitation.email)
        .execute();
      expect(users).toHaveLength(1);
      expect(users[0]?.name).toBe(winners[0]?.json().user.name);
      const memberships = await t.deps.db
        .selectFrom("memberships")
        .select("user_id")
        .where("org_id", "=", target.orgId)
        .execute();
      expect(memberships).toHaveLength(2);
      expect((await getOrg(t, target)).json().seats).toMatchObject({ used: 2, pending: 0 });
    });

    it("concurrent accepts by the signed-in invitee and a sign-up make one membership", async () => {
      const other = await t.setupOrg({ plan: "team" });
      const target = await t.setupOrg({ plan: "team" });
      const { token } = await createInvitation(t, target, { email: other.admin.email });
      const responses = await Promise.all([
        acceptInvitation(t, { token }, other.admin.cookie),
        acceptInvitation(t, { token, password: DEFAULT_PASSWORD }),
        acceptInvitation(t, { token }, other.admin.cookie),
      ]);
      expect(responses.filter((r) => r.statusCode === 200)).toHaveLength(1);
      expect(responses.every((r) => r.statusCode < 500)).toBe(true);
      expect((await getOrg(t, target)).json().seats.used).toBe(2);
    });
  });

  it("an accept racing a revoke: exactly one of them wins", async () => {
    for (let round = 0; round < 3; round++) {
      const { token, invitation } = await createInvitation(t, org);
      const [accepted, revoked] = await Promise.all([
        signUpWith(t, token),
        t.request({
          method: "POST",
          url: `/api/v1/orgs/${org.orgId}/invitations/${invitation.id}/revoke`,
          cookie: org.admin.cookie,
        }),
      ]);
      expect(
        [accepted.statusCode, revoked.statusCode].filter((s) => s === 200),
        `${accepted.body} ${revoked.body}`,
      ).toHaveLength(1);
      const status = (await previewInvitation(t, token)).json().status;
      expect(status).toBe(accepted.statusCode === 200 ? "accepted" : "revoked");
      const users = await t.deps.db
        .selectFrom("users")
        .select("id")
        .where("email", "=", invitation.email)
        .execute();
      expect(users).toHaveLength(accepted.statusCode === 200 ? 1 : 0);
    }
  });

  describe("seats are checked again when accepting", () => {
    it("a seat limit lowered after inviting refuses the accept with SEAT_LIMIT_REACHED", async () => {
      const target = await t.setupOrg({ plan: "team" });
      const { token, invitation } = await createInvitation(t, target);
      expectStatus(await patchOrg(t, target, { seatLimit: 1 }), 200);
      const refused = await signUpWith(t, token);
      expectError(refused, "SEAT_LIMIT_REACHED");
      expect(refused.cookies).toHaveLength(0);
      // Nothing was half-done: no account, the invitation is still pending.
      const users = await t.deps.db
        .selectFrom("users")
        .select("id")
        .where("email", "=", invitation.email)
        .execute();
      expect(users).toHaveLength(0);
      expect((await previewInvitation(t, token)).json().status).toBe("pending");
      expectStatus(await patchOrg(t, target, { seatLimit: 2 }), 200);
      expectStatus(await signUpWith(t, token), 200);
      expectError(await postInvitation(t, target), "SEAT_LIMIT_REACHED");
    });

    it("concurrent accepts of different invitations for the last seat: exactly one gets in", async () => {
      const target = await t.setupOrg({ plan: "business" });
      const invites = [];
      for (let i = 0; i < 5; i++) invites.push(await createInvitation(t, target));
      expectStatus(await patchOrg(t, target, { seatLimit: 2 }), 200);
      const responses = await Promise.all(invites.map((i) => signUpWith(t, i.token)));
      expect(responses.filter((r) => r.statusCode === 200)).toHaveLength(1);
      for (const r of responses.filter((x) => x.statusCode !== 200)) expectError(r, "SEAT_LIMIT_REACHED");
      expect((await getOrg(t, target)).json().seats.used).toBe(2);
    });

    it("of two pending invitations for the last seat only the first accept gets in", async () => {
      const target = await t.setupOrg({ plan: "business" });
      const a = await createInvitation(t, target);
      const b = await createInvitation(t, target);
      expectStatus(await patchOrg(t, target, { seatLimit: 2 }), 200);
      expectStatus(await signUpWith(t, a.token), 200);
      expectError(await signUpWith(t, b.token), "SEAT_LIMIT_REACHED");
    });
  });

  it("on the Team plan the new person is a member of the single default team", async () => {
    const target = await t.setupOrg({ plan: "team" });
    const { token } = await createInvitation(t, target, { role: "admin" });
    const response = await signUpWith(t, token);
    expect(response.json().membership).toMatchObject({
      role: "admin",
      teams: [{ teamId: target.defaultTeamId, name: "General", role: "member" }],
    });
    // An invited admin can invite in turn.
    expectStatus(
      await postInvitation(t, target, {}, { as: { ...target.admin, cookie: cookieFrom(response) } }),
      201,
    );
  });

  it("accept refuses an empty or missing token and unknown fields", async () => {
    expectError(await acceptInvitation(t, {}), "VALIDATION_FAILED");
    expectError(await acceptInvitation(t, { token: "" }), "VALIDATION_FAILED");
    expectError(
      await acceptInvitation(t, { token: "A".repeat(43), name: "X", password: DEFAULT_PASSWORD }),
      "INVITATION_NOT_FOUND",
    );
    expectError(await acceptInvitation(t, { token: "A".repeat(43), role: "admin" }), "VALIDATION_FAILED");
  });
});
