import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  acceptInvitation,
  createInvitation,
  createTeam,
  expectError,
  expectStatus,
  invitationAction,
  invitationUrl,
  listAllInvitations,
  postInvitation,
  previewInvitation,
  signUpWith,
} from "../harness/api.js";
import { createTestApp, type OrgFixture, type TestApp, uniqueEmail } from "../harness/app.js";

const DAY = 24 * 60 * 60 * 1000;

describe("invitation lifecycle: edit, extend, resend, revoke, expire, history, idempotency", () => {
  let t: TestApp;
  let org: OrgFixture;
  let teamId: string;

  beforeAll(async () => {
    t = await createTestApp();
    org = await t.setupOrg({ plan: "business" });
    teamId = await createTeam(t, org, "Sales");
  });
  afterAll(() => t.close());
  // Tests move the clock by days; a fresh session each time keeps the admin signed in through it.
  beforeEach(async () => {
    org.admin.cookie = await t.signIn(org.admin.email);
  });

  const edit = (invitationId: string, body: unknown, target: OrgFixture = org) =>
    t.request({
      method: "PATCH",
      url: invitationUrl(target.orgId, invitationId),
      cookie: target.admin.cookie,
      body,
    });
  const history = async (invitationId: string) => {
    const response = await t.request({
      method: "GET",
      url: invitationUrl(org.orgId, invitationId, "/history"),
      cookie: org.admin.cookie,
    });
    expectStatus(response, 200);
    return response.json().items as {
      action: string;
      at: string;
      actor: { id: string; name: string } | null;
    }[];
  };
  const plusDays = (days: number) => new Date(t.clock.now().getTime() + days * DAY).toISOString();

  describe("edit while pending", () => {
    it("changes role, team, team role and department", async () => {
      const { invitation } = await createInvitation(t, org, { role: "viewer" });
      const response = await edit(invitation.id, {
        role: "admin",
        teamId,
        teamRole: "owner",
        department: "sales",
      });
      expectStatus(response, 200);
      expect(response.json()).toMatchObject({
        id: invitation.id,
        role: "admin",
        teamId,
        teamName: "Sales",
        teamRole: "owner",
        department: "sales",
        status: "pending",
      });
      const cleared = await edit(invitation.id, { teamId: null, department: null });
      expect(cleared.json()).toMatchObject({ role: "admin", teamId: null, teamRole: null, department: null });
    });

    it("what was edited is what the person gets on accepting", async () => {
      const { invitation, token } = await createInvitation(t, org, { role: "viewer" });
      expectStatus(
        await edit(invitation.id, { role: "member", teamId, teamRole: "admin", department: "ops" }),
        200,
      );
      const accepted = await signUpWith(t, token);
      expect(accepted.json().membership).toMatchObject({
        role: "member",
        department: "ops",
        teams: [{ teamId, name: "Sales", role: "admin" }],
      });
    });

    it("refuses edits once accepted (409 INVITATION_USED), revoked or expired (410)", async () => {
      const accepted = await createInvitation(t, org);
      expectStatus(await signUpWith(t, accepted.token), 200);
      expectError(await edit(accepted.invitation.id, { role: "admin" }), "INVITATION_USED");
      const revoked = await createInvitation(t, org);
      expectStatus(await invitationAction(t, org, revoked.invitation.id, "revoke"), 200);
      expectError(await edit(revoked.invitation.id, { role: "admin" }), "INVITATION_REVOKED");
      const expired = await createInvitation(t, org, { expiresInDays: 1 });
      t.clock.advanceDays(1);
      expectError(await edit(expired.invitation.id, { role: "admin" }), "INVITATION_EXPIRED");
    });

    it("refuses unknown fields, another org's team, and team roles on the Team plan", async () => {
      const { invitation } = await createInvitation(t, org);
      expect(
        expectError(await edit(invitation.id, { email: "x@example.com" }), "VALIDATION_FAILED").message,
      ).toContain("email");
      const other = await t.setupOrg({ plan: "business" });
      expectError(await edit(invitation.id, { teamId: other.defaultTeamId }), "NOT_FOUND");
      const teamOrg = await t.setupOrg({ plan: "team" });
      const onTeam = await createInvitation(t, teamOrg);
      expectError(await edit(onTeam.invitation.id, { teamRole: "admin" }, teamOrg), "PLAN_LIMIT");
    });
  });

  describe("extend", () => {
    it("pushes the expiry out by whole days and keeps the same link", async () => {
      const { invitation, token } = await createInvitation(t, org);
      const response = await invitationAction(t, org, invitation.id, "extend", { days: 3 });
      expectStatus(response, 200);
      expect(response.json()).toMatchObject({ status: "pending", expiresAt: plusDays(10) });
      expect((await previewInvitation(t, token)).json().expiresAt).toBe(plusDays(10));
    });

    it("revives an expired invitation, counting from now", async () => {
      const { invitation, token } = await createInvitation(t, org);
      t.clock.advanceDays(8);
      expect((await previewInvitation(t, token)).json().status).toBe("expired");
      const response = await invitationAction(t, org, invitation.id, "extend", { days: 2 });
      expect(response.json()).toMatchObject({ status: "pending", expiresAt: plusDays(2) });
      expectStatus(await signUpWith(t, token), 200);
    });

    it("never takes an invitation beyond 30 days from now", async () => {
      const { invitation } = await createInvitation(t, org);
      const tooFar = await invitationAction(t, org, invitation.id, "extend", { days: 24 });
      expect(expectError(tooFar, "VALIDATION_FAILED").message).toMatch(/30 days/);
      const toTheCap = await invitationAction(t, org, invitation.id, "extend", { days: 23 });
      expect(toTheCap.json().expiresAt).toBe(plusDays(30));
      expectError(await invitationAction(t, org, invitation.id, "extend", { days: 1 }), "VALIDATION_FAILED");
      for (const days of [0, 31, 2.5]) {
        expectError(await invitationAction(t, org, invitation.id, "extend", { days }), "VALIDATION_FAILED");
      }
      expectError(await invitationAction(t, org, invitation.id, "extend", {}), "VALIDATION_FAILED");
    });

    it("cannot bring back a revoked or accepted invitation", async () => {
      const revoked = await createInvitation(t, org);
      expectStatus(await invitationAction(t, org, revoked.invitation.id, "revoke"), 200);
      expectError(
        await invitationAction(t, org, revoked.invitation.id, "extend", { days: 1 }),
        "INVITATION_REVOKED",
      );
      const accepted = await createInvitation(t, org);
      expectStatus(await signUpWith(t, accepted.token), 200);
      expectError(
        await invitationAction(t, org, accepted.invitation.id, "extend", { days: 1 }),
        "INVITATION_USED",
      );
    });
  });

  describe("resend", () => {
    it("issues a fresh link; the old link stops working at once", async () => {
      const { invitation, token: oldToken } = await createInvitation(t, org, { expiresInDays: 3 });
      t.clock.advanceDays(1);
      const response = await invitationAction(t, org, invitation.id, "resend");
      expectStatus(response, 200);
      const { invitation: resent, inviteUrl } = response.json();
      expect(resent).toMatchObject({ id: invitation.id, status: "pending", expiresAt: plusDays(3) });
      const newToken = new URL(inviteUrl).hash.replace("#token=", "");
      expect(newToken).not.toBe(oldToken);
      expectError(await previewInvitation(t, oldToken), "INVITATION_NOT_FOUND");
      expectError(await signUpWith(t, oldToken), "INVITATION_NOT_FOUND");
      expectStatus(await previewInvitation(t, newToken), 200);
      expectStatus(await signUpWith(t, newToken), 200);
    });

    it("revives an expired invitation with a new link; a revoked or accepted one stays dead", async () => {
      const expired = await createInvitation(t, org, { expiresInDays: 1 });
      t.clock.advanceDays(2);
      const revived = await invitationAction(t, org, expired.invitation.id, "resend");
      expect(revived.json().invitation).toMatchObject({ status: "pending", expiresAt: plusDays(1) });
      const revoked = await createInvitation(t, org);
      expectStatus(await invitationAction(t, org, revoked.invitation.id, "revoke"), 200);
      expectError(await invitationAction(t, org, revoked.invitation.id, "resend"), "INVITATION_REVOKED");
      const accepted = await createInvitation(t, org);
      expectStatus(await signUpWith(t, accepted.token), 200);
      expectError(await invitationAction(t, org, accepted.invitation.id, "resend"), "INVITATION_USED");
    });
  });

  describe("revoke", () => {
    it("kills the link at once (INVITATION_REVOKED 410) and frees the email for a new invitation", async () => {
      const email = uniqueEmail("revoked");
      const { invitation, token } = await createInvitation(t, org, { email });
      const response = await invitationAction(t, org, invitation.id, "revoke");
      expect(response.json()).toMatchObject({ id: invitation.id, status: "revoked" });
      expectError(await signUpWith(t, token), "INVITATION_REVOKED");
      expect((await previewInvitation(t, token)).json().status).toBe("revoked");
      expectError(await invitationAction(t, org, invitation.id, "revoke"), "INVITATION_REVOKED");
      const again = await createInvitation(t, org, { email });
      expectStatus(await signUpWith(t, again.token), 200);
      expectError(await signUpWith(t, token), "INVITATION_REVOKED");
    });

    it("an accepted invitation cannot be revoked", async () => {
      const { invitation, token } = await createInvitation(t, org);
      expectStatus(await signUpWith(t, token), 200);
      expectError(await invitationAction(t, org, invitation.id, "revoke"), "INVITATION_USED");
    });

    it("an expired invitation can be revoked", async () => {
      const { invitation } = await createInvitation(t, org, { expiresInDays: 1 });
      t.clock.advanceDays(2);
      expect((await invitationAction(t, org, invitation.id, "revoke")).json().status).toBe("revoked");
    });
  });

  describe("expiry", () => {
    it("after 7 days the link gives INVITATION_EXPIRED, the invitation stays listed as expired, and the email can be invited again", async () => {
      const isolated = await t.setupOrg({ plan: "team" });
      const email = uniqueEmail("late");
      const { invitation, token } = await createInvitation(t, isolated, { email });
      t.clock.advanceDays(8);
      const refused = await signUpWith(t, token);
      expect(expectError(refused, "INVITATION_EXPIRED").message).toMatch(/expired on \d+ \w+ \d{4}/);
      expect((await previewInvitation(t, token)).json().status).toBe("expired");
      const listed = await listAllInvitations(t, isolated);
      expect(listed.items).toEqual([expect.objectContaining({ id: invitation.id, status: "expired" })]);

      const fresh = await createInvitation(t, isolated, { email });
      const statuses = (await listAllInvitations(t, isolated)).items.map((i) => [i.id, i.status]);
      expect(statuses).toEqual([
        [fresh.invitation.id, "pending"],
        [invitation.id, "expired"],
      ]);
      expectError(await signUpWith(t, token), "INVITATION_EXPIRED");
      expectStatus(await signUpWith(t, fresh.token), 200);
    });

    it("a link is still good one second before its expiry and dead at it", async () => {
      const { token } = await createInvitation(t, org, { expiresInDays: 1 });
      t.clock.advance(DAY - 1000);
      expect((await previewInvitation(t, token)).json().status).toBe("pending");
      t.clock.advance(1000);
      expectError(await signUpWith(t, token), "INVITATION_EXPIRED");
    });
  });

  it("an expired invitation cannot be revived for someone who has joined since (ALREADY_MEMBER)", async () => {
    const isolated = await t.setupOrg({ plan: "team" });
    const email = uniqueEmail("joined");
    const old = await createInvitation(t, isolated, { email, expiresInDays: 1 });
    t.clock.advanceDays(2);
    isolated.admin.cookie = await t.signIn(isolated.admin.email);
    const fresh = await createInvitation(t, isolated, { email });
    expectStatus(await signUpWith(t, fresh.token), 200);
    expectError(
      await invitationAction(t, isolated, old.invitation.id, "resend", undefined, isolated.admin),
      "ALREADY_MEMBER",
    );
    expectError(
      await invitationAction(t, isolated, old.invitation.id, "extend", { days: 3 }, isolated.admin),
      "ALREADY_MEMBER",
    );
    const seats = (
      await t.request({ method: "GET", url: `/api/v1/orgs/${isolated.orgId}`, cookie: isolated.admin.cookie })
    ).json().seats;
    expect(seats).toMatchObject({ used: 2, pending: 0 });
    expect((await previewInvitation(t, old.token)).json().status).toBe("expired");
  });

  it("an expired invitation cannot be revived while the email has a newer pending one (INVITATION_PENDING)", async () => {
    const email = uniqueEmail("twice");
    const old = await createInvitation(t, org, { email, expiresInDays: 1 });
    t.clock.advanceDays(2);
    org.admin.cookie = await t.signIn(org.admin.email);
    await createInvitation(t, org, { email });
    expectError(await invitationAction(t, org, old.invitation.id, "resend"), "INVITATION_PENDING");
    expectError(
      await invitationAction(t, org, old.invitation.id, "extend", { days: 1 }),
      "INVITATION_PENDING",
    );
  });

  it("history shows every action, oldest first, with who did it and when", async () => {
    const { invitation, token } = await createInvitation(t, org);
    const created = t.clock.now().toISOString();
    t.clock.advance(60_000);
    await edit(invitation.id, { role: "viewer" });
    await invitationAction(t, org, invitation.id, "extend", { days: 1 });
    const resent = await invitationAction(t, org, invitation.id, "resend");
    t.clock.advance(60_000);
    const accepted = await signUpWith(
      t,
      new URL(resent.json().inviteUrl).hash.replace("#token=", ""),
      "Hilda History",
    );
    expectStatus(accepted, 200);
    expectError(await signUpWith(t, token), "INVITATION_NOT_FOUND");
    const items = await history(invitation.id);
    expect(items.map((e) => e.action)).toEqual([
      "invitation.created",
      "invitation.updated",
      "invitation.extended",
      "invitation.resent",
      "invitation.accepted",
    ]);
    const adminActor = { id: org.admin.userId, name: "Ada Admin", email: org.admin.email };
    for (const entry of items.slice(0, 4)) expect(entry.actor).toEqual(adminActor);
    expect(items[4]?.actor).toMatchObject({ id: accepted.json().user.id, name: "Hilda History" });
    expect(items[0]?.at).toBe(created);
    expect(items[4]?.at).toBe(t.clock.now().toISOString());
    expect(items[1]).toMatchObject({ before: { role: "member" }, after: { role: "viewer" } });
  });

  it("history records a revoke", async () => {
    const { invitation } = await createInvitation(t, org);
    await invitationAction(t, org, invitation.id, "revoke");
    const items = await history(invitation.id);
    expect(items.map((e) => e.action)).toEqual(["invitation.created", "invitation.revoked"]);
  });

  describe("Idempotency-Key on create", () => {
    const withKey = (key: string, body: Record<string, unknown>) =>
      postInvitation(t, org, body, { headers: { "idempotency-key": key } });

    it("a retry with the same key and body returns the same invitation with a fresh, working link", async () => {
      const body = { email: uniqueEmail("retry"), role: "member" as const, department: "ops" };
      const first = await withKey("key-1", body);
      expectStatus(first, 201);
      const retry = await withKey("key-1", body);
      expectStatus(retry, 200);
      expect(retry.headers["idempotent-replayed"]).toBe("true");
      expect(retry.json().invitation.id).toBe(first.json().invitation.id);
      expect(retry.json().inviteUrl).not.toBe(first.json().inviteUrl);
      const newToken = new URL(retry.json().inviteUrl).hash.replace("#token=", "");
      const oldToken = new URL(first.json().inviteUrl).hash.replace("#token=", "");
      expectError(await previewInvitation(t, oldToken), "INVITATION_NOT_FOUND");
      expectStatus(await signUpWith(t, newToken), 200);
      const rows = await t.deps.db
        .selectFrom("invitations")
        .select("id")
        .where("email", "=", body.email)
        .execute();
      expect(rows).toHaveLength(1);
    });

    it("a double-submitted create with one key makes one invitation", async () => {
      const body = { email: uniqueEmail("double"), role: "member" as const };
      const responses = await Promise.all([withKey("key-double", body), withKey("key-double", body)]);
      expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 201]);
      expect(responses[0]?.json().invitation.id).toBe(responses[1]?.json().invitation.id);
      const rows = await t.deps.db
        .selectFrom("invitations")
        .select("id")
        .where("email", "=", body.email)
        .execute();
      expect(rows).toHaveLength(1);
    });

    it("the same key with a different body is IDEMPOTENCY_KEY_REUSED (422)", async () => {
      const email = uniqueEmail("reuse");
      expectStatus(await withKey("key-2", { email, role: "member" }), 201);
      expectError(await withKey("key-2", { email, role: "admin" }), "IDEMPOTENCY_KEY_REUSED");
      expectError(await withKey("key-2", { email: uniqueEmail(), role: "member" }), "IDEMPOTENCY_KEY_REUSED");
      // Without the key, the same email is simply already pending.
      expectError(await postInvitation(t, org, { email, role: "member" }), "INVITATION_PENDING");
    });

    it("refuses an empty or overlong key", async () => {
      expectError(await withKey("k".repeat(201), {}), "VALIDATION_FAILED");
      expectError(await withKey("", {}), "VALIDATION_FAILED");
    });

    it("keys belong to one org: another org's admin with the same key gets a new invitation", async () => {
      const other = await t.setupOrg({ plan: "business" });
      const email = uniqueEmail("shared-key");
      const mine = await withKey("key-3", { email });
      const theirs = await postInvitation(t, other, { email }, { headers: { "idempotency-key": "key-3" } });
      expectStatus(theirs, 201);
      expect(theirs.json().invitation.id).not.toBe(mine.json().invitation.id);
    });
  });

  it("accepting through an old link after the person signed up with the new one is refused", async () => {
    const { invitation, token } = await createInvitation(t, org);
    const resent = await invitationAction(t, org, invitation.id, "resend");
    const fresh = new URL(resent.json().inviteUrl).hash.replace("#token=", "");
    expectStatus(await acceptInvitation(t, { token: fresh, name: "A", password: "password123" }), 200);
    expectError(
      await acceptInvitation(t, { token, name: "B", password: "password123" }),
      "INVITATION_NOT_FOUND",
    );
    expectError(
      await acceptInvitation(t, { token: fresh, name: "C", password: "password123" }),
      "INVITATION_USED",
    );
  });
});
