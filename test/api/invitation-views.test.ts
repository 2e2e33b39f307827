import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createInvitation,
  createTeam,
  expectError,
  expectStatus,
  invitationAction,
  listAllInvitations,
  orgUrl,
  signUpWith,
} from "../harness/api.js";
import { createTestApp, type OrgFixture, type TestApp } from "../harness/app.js";

let t: TestApp;
let org: OrgFixture;
beforeAll(async () => {
  t = await createTestApp();
  org = await t.setupOrg({ plan: "business", name: "Views" });
});
afterAll(() => t.close());

describe("invitations as the console shows them", () => {
  it("name the team a person will join (the default team when none was picked) and who invited them", async () => {
    const { invitation } = await createInvitation(t, org, {});
    expect(invitation).toMatchObject({ teamId: null, teamName: "General", inviterName: "Ada Admin" });
    const research = await createTeam(t, org, "Research");
    const withTeam = await createInvitation(t, org, { teamId: research, teamRole: "admin" });
    expect(withTeam.invitation).toMatchObject({ teamId: research, teamName: "Research", teamRole: "admin" });
    // Every action answers with the same view as the list.
    const revoked = await invitationAction(t, org, withTeam.invitation.id, "revoke");
    expect(revoked.json()).toMatchObject({
      status: "revoked",
      teamName: "Research",
      inviterName: "Ada Admin",
    });
  });

  it("list pending and expired together for Active Invites with status=pending,expired", async () => {
    const local = await t.setupOrg({ plan: "business" });
    const expiring = await createInvitation(t, local, { expiresInDays: 1 });
    const accepted = await createInvitation(t, local, {});
    expectStatus(await signUpWith(t, accepted.token), 200);
    const revoked = await createInvitation(t, local, {});
    expectStatus(await invitationAction(t, local, revoked.invitation.id, "revoke"), 200);
    t.clock.advanceDays(2);
    const pending = await createInvitation(t, local, {});

    const active = await listAllInvitations(t, local, "status=pending,expired");
    expect(active.items.map((i) => [i.id, i.status])).toEqual([
      [pending.invitation.id, "pending"],
      [expiring.invitation.id, "expired"],
    ]);
    const all = await listAllInvitations(t, local);
    expect(all.items).toHaveLength(4);
  });

  it("refuse an unknown status in the filter, naming the parameter", async () => {
    const response = await t.request({
      method: "GET",
      url: orgUrl(org.orgId, "/invitations?status=pending,lost"),
      cookie: org.admin.cookie,
    });
    const error = expectError(response, "VALIDATION_FAILED");
    expect(error.message).toContain("querystring.status");
  });

  it("GET one team; another org's team is 404", async () => {
    const research = await createTeam(t, org, "Design");
    const ok = await t.request({
      method: "GET",
      url: orgUrl(org.orgId, `/teams/${research}`),
      cookie: org.admin.cookie,
    });
    expect(ok.json()).toMatchObject({ id: research, name: "Design", isDefault: false, memberCount: 1 });
    const other = await t.setupOrg({ plan: "business" });
    const foreign = await t.request({
      method: "GET",
      url: orgUrl(other.orgId, `/teams/${research}`),
      cookie: other.admin.cookie,
    });
    expectError(foreign, "NOT_FOUND");
  });
});
