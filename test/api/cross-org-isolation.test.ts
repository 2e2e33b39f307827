import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CreatedInvitation,
  createInvitation,
  createTeam,
  expectError,
  expectStatus,
  getMe,
  invitationUrl,
  orgUrl,
  previewInvitation,
  type Response,
  UNKNOWN_ID,
} from "../harness/api.js";
import { createTestApp, type MemberFixture, type OrgFixture, type TestApp } from "../harness/app.js";

/**
 * A user of one organization must not learn what exists in another: every route answers a stranger
 * exactly as it answers for an id that exists nowhere, and never changes anything.
 */
describe("cross-org isolation", () => {
  let t: TestApp;
  let a: OrgFixture;
  let b: OrgFixture;
  let aTeam: string;
  let bTeam: string;
  let aMember: MemberFixture;
  let bMember: MemberFixture;
  let aInvite: CreatedInvitation;

  beforeAll(async () => {
    t = await createTestApp();
    a = await t.setupOrg({ plan: "business", name: "Org A" });
    b = await t.setupOrg({ plan: "business", name: "Org B" });
    aTeam = await createTeam(t, a, "A Team");
    bTeam = await createTeam(t, b, "B Team");
    aMember = await t.addMember(a, { role: "member", teamId: aTeam, teamRole: "member" });
    bMember = await t.addMember(b, { role: "member", teamId: bTeam, teamRole: "admin" });
    aInvite = await createInvitation(t, a, { teamId: aTeam });
  });
  afterAll(() => t.close());

  type Call = { method: "GET" | "POST" | "PATCH" | "DELETE"; path: string; body?: unknown };
  /** Every org route, for an org id and the ids inside it. */
  const orgRoutes = (ids: { team: string; user: string; invitation: string }): Call[] => [
    { method: "GET", path: "" },
    { method: "PATCH", path: "", body: { name: "Hijacked" } },
    { method: "GET", path: "/members" },
    { method: "PATCH", path: `/members/${ids.user}`, body: { role: "viewer" } },
    { method: "DELETE", path: `/members/${ids.user}` },
    { method: "GET", path: "/teams" },
    { method: "POST", path: "/teams", body: { name: "Planted" } },
    { method: "PATCH", path: `/teams/${ids.team}`, body: { name: "Hijacked" } },
    { method: "DELETE", path: `/teams/${ids.team}` },
    { method: "GET", path: `/teams/${ids.team}/members` },
    { method: "POST", path: `/teams/${ids.team}/members`, body: { userId: ids.user, role: "owner" } },
    { method: "PATCH", path: `/teams/${ids.team}/members/${ids.user}`, body: { role: "owner" } },
    { method: "DELETE", path: `/teams/${ids.team}/members/${ids.user}` },
    { method: "POST", path: "/invitations", body: { email: "planted@example.com", role: "admin" } },
    { method: "GET", path: "/invitations" },
    { method: "GET", path: `/invitations/${ids.invitation}/history` },
    { method: "PATCH", path: `/invitations/${ids.invitation}`, body: { role: "admin" } },
    { method: "POST", path: `/invitations/${ids.invitation}/resend` },
    { method: "POST", path: `/invitations/${ids.invitation}/extend`, body: { days: 1 } },
    { method: "POST", path: `/invitations/${ids.invitation}/revoke` },
  ];
  const call = (orgId: string, c: Call, as: MemberFixture) =>
    t.request({ method: c.method, url: orgUrl(orgId, c.path), cookie: as.cookie, body: c.body });
  const aIds = () => ({ team: aTeam, user: aMember.userId, invitation: aInvite.invitation.id });
  const bodyOf = (r: Response) => ({ status: r.statusCode, body: r.json() });

  /** Org A is exactly as it was: name, members, teams, the invitation and its link. */
  const expectOrgAUntouched = async () => {
    const org = (await t.request({ method: "GET", url: orgUrl(a.orgId), cookie: a.admin.cookie })).json();
    expect(org).toMatchObject({ name: "Org A", seats: { used: 2, pending: 1 } });
    const teams = (
      await t.request({ method: "GET", url: orgUrl(a.orgId, "/teams"), cookie: a.admin.cookie })
    ).json();
    expect(teams.items.map((x: { name: string }) => x.name)).toEqual(["General", "A Team"]);
    const preview = (await previewInvitation(t, aInvite.token)).json();
    expect(preview).toMatchObject({
      status: "pending",
      role: "member",
      expiresAt: aInvite.invitation.expiresAt,
    });
    const me = (await getMe(t, aMember.cookie)).json();
    expect(me.memberships).toEqual([expect.objectContaining({ orgId: a.orgId, role: "member" })]);
    expect(me.memberships[0].teams).toEqual([{ teamId: aTeam, name: "A Team", role: "member" }]);
  };

  it("an admin of org B gets 404 on every route of org A, exactly as for an org that does not exist", async () => {
    for (const c of orgRoutes(aIds())) {
      const stranger = await call(a.orgId, c, b.admin);
      expectError(stranger, "NOT_FOUND");
      const nowhere = await call(UNKNOWN_ID, c, b.admin);
      expect(bodyOf(stranger), `${c.method} ${c.path}`).toEqual(bodyOf(nowhere));
    }
    await expectOrgAUntouched();
  });

  it("a plain member of org B gets the same 404s on org A", async () => {
    for (const c of orgRoutes(aIds())) expectError(await call(a.orgId, c, bMember), "NOT_FOUND");
    await expectOrgAUntouched();
  });

  it("an admin of org B cannot reach org A's invitations, teams or members by putting their ids in org B's URLs", async () => {
    const ids = aIds();
    const mixed: Call[] = [
      { method: "GET", path: `/invitations/${ids.invitation}/history` },
      { method: "PATCH", path: `/invitations/${ids.invitation}`, body: { role: "admin" } },
      { method: "POST", path: `/invitations/${ids.invitation}/resend` },
      { method: "POST", path: `/invitations/${ids.invitation}/extend`, body: { days: 5 } },
      { method: "POST", path: `/invitations/${ids.invitation}/revoke` },
      { method: "PATCH", path: `/members/${ids.user}`, body: { role: "admin" } },
      { method: "DELETE", path: `/members/${ids.user}` },
      { method: "PATCH", path: `/teams/${ids.team}`, body: { name: "Hijacked" } },
      { method: "DELETE", path: `/teams/${ids.team}` },
      { method: "GET", path: `/teams/${ids.team}/members` },
      { method: "POST", path: `/teams/${ids.team}/members`, body: { userId: b.admin.userId, role: "owner" } },
      { method: "PATCH", path: `/teams/${ids.team}/members/${ids.user}`, body: { role: "owner" } },
      { method: "DELETE", path: `/teams/${ids.team}/members/${ids.user}` },
      { method: "POST", path: `/teams/${bTeam}/members`, body: { userId: ids.user, role: "member" } },
      {
        method: "POST",
        path: "/invitations",
        body: { email: "x@example.com", role: "member", teamId: ids.team },
      },
    ];
    for (const c of mixed) {
      const response = await call(b.orgId, c, b.admin);
      expectError(response, "NOT_FOUND");
    }
    const bInvite = await createInvitation(t, b);
    const retarget = await t.request({
      method: "PATCH",
      url: invitationUrl(b.orgId, bInvite.invitation.id),
      cookie: b.admin.cookie,
      body: { teamId: aTeam, teamRole: "owner" },
    });
    expectError(retarget, "NOT_FOUND");
    await expectOrgAUntouched();
  });

  it("a member of org B cannot read org A's invitations by id", async () => {
    const url = invitationUrl(a.orgId, aInvite.invitation.id, "/history");
    expectError(await t.request({ method: "GET", url, cookie: bMember.cookie }), "NOT_FOUND");
    expectError(await t.request({ method: "GET", url, cookie: aMember.cookie }), "FORBIDDEN");
  });

  it("a team admin of org B learns nothing from org A's team ids: same answer as for an unknown team", async () => {
    const asTeamAdmin = (teamId: string) =>
      call(
        b.orgId,
        { method: "POST", path: `/teams/${teamId}/members`, body: { userId: bMember.userId } },
        bMember,
      );
    expect(bodyOf(await asTeamAdmin(aTeam))).toEqual(bodyOf(await asTeamAdmin(UNKNOWN_ID)));
    const rename = (teamId: string) =>
      call(b.orgId, { method: "PATCH", path: `/teams/${teamId}`, body: { name: "x" } }, bMember);
    expect(bodyOf(await rename(aTeam))).toEqual(bodyOf(await rename(UNKNOWN_ID)));
  });

  it("a member of org A only ever sees org A in GET /me and in lists", async () => {
    const me = (await getMe(t, bMember.cookie)).json();
    expect(me.memberships.map((m: { orgId: string }) => m.orgId)).toEqual([b.orgId]);
    const members = (
      await t.request({ method: "GET", url: orgUrl(b.orgId, "/members"), cookie: b.admin.cookie })
    ).json();
    expect(members.items.map((m: { userId: string }) => m.userId).sort()).toEqual(
      [b.admin.userId, bMember.userId].sort(),
    );
    const invitations = (
      await t.request({
        method: "GET",
        url: orgUrl(b.orgId, "/invitations?limit=100"),
        cookie: b.admin.cookie,
      })
    ).json();
    expect(invitations.items.map((i: { id: string }) => i.id)).not.toContain(aInvite.invitation.id);
  });

  it("an org id that is not a uuid is a 400, not a lookup", async () => {
    expectError(
      await t.request({ method: "GET", url: orgUrl(encodeURIComponent("1 or 1=1")), cookie: b.admin.cookie }),
      "VALIDATION_FAILED",
    );
    expectStatus(await t.request({ method: "GET", url: orgUrl(b.orgId), cookie: b.admin.cookie }), 200);
  });
});
