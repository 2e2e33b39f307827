import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countMembersJoinedSince, recountMembersJoinedSince } from "../../src/db/queries/invitation-stats.js";
import { createInvitation, expectStatus, invitationAction, orgUrl, signUpWith } from "../harness/api.js";
import { createTestApp, type OrgFixture, type TestApp } from "../harness/app.js";
import { ACTORS, buildRoleWorld, expectAccess, type RoleWorld } from "../harness/roles.js";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

type Dashboard = {
  generatedAt: string;
  accepted: { count: number; percent: number };
  pending: { count: number; percent: number };
  expired: { count: number; percent: number };
  revoked: { count: number };
  resent: { count: number };
  newMembersThisMonth: { count: number; since: string };
  recentActivity: {
    action: string;
    at: string;
    invitationId: string;
    invitee: { email: string; name: string | null };
    sentence: string;
  }[];
  chart: { day: string; sent: number; accepted: number }[];
};

/** Signs the org's admin in afresh: moving the clock by weeks ends their session. */
async function signInAgain(t: TestApp, org: OrgFixture): Promise<OrgFixture> {
  return { ...org, admin: { ...org.admin, cookie: await t.signIn(org.admin.email) } };
}

async function dashboard(t: TestApp, org: OrgFixture): Promise<Dashboard> {
  const response = await t.request({
    method: "GET",
    url: orgUrl(org.orgId, "/invitations/dashboard"),
    cookie: org.admin.cookie,
  });
  expectStatus(response, 200);
  return response.json() as Dashboard;
}

describe("invitation dashboard: who may see it", () => {
  let t: TestApp;
  let world: RoleWorld;
  beforeAll(async () => {
    t = await createTestApp();
    world = await buildRoleWorld(t);
  });
  afterAll(() => t.close());

  it.each(ACTORS)("as %s: only org admins (who may see invitations) get the dashboard", async (actor) => {
    const response = await t.request({
      method: "GET",
      url: orgUrl(world.org.orgId, "/invitations/dashboard"),
      cookie: world.cookieOf(actor),
    });
    expectAccess(response, actor, ["admin"], 200);
  });
});

describe("invitation dashboard: counts, percentages, activity and chart on known data", () => {
  let t: TestApp;
  let org: OrgFixture;
  let other: OrgFixture;
  const emails = {
    alice: "alice.johnson@example.com",
    bob: "bob.smith@example.com",
    carol: "carol.wilson@example.com",
    dan: "dan.dropped@example.com",
    erin: "erin.resent@example.com",
    fay: "fay.twice@example.com",
  };

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set("2026-01-15T09:00:00.000Z");
    org = await t.setupOrg({ plan: "business", name: "Dash Co" });
    other = await t.setupOrg({ plan: "business", name: "Next Door" });
    // Another org's invitations never count here.
    await createInvitation(t, other, { email: "someone.else@example.com" });

    const alice = await createInvitation(t, org, { email: emails.alice });
    await createInvitation(t, org, { email: emails.carol, expiresInDays: 1 });
    await createInvitation(t, org, { email: emails.bob, expiresInDays: 30 });
    const dan = await createInvitation(t, org, { email: emails.dan });
    expectStatus(await invitationAction(t, org, dan.invitation.id, "revoke"), 200);
    const erin = await createInvitation(t, org, { email: emails.erin });
    expectStatus(await invitationAction(t, org, erin.invitation.id, "resend"), 200);
    const fay = await createInvitation(t, org, { email: emails.fay });
    expectStatus(await invitationAction(t, org, fay.invitation.id, "resend"), 200);
    expectStatus(await invitationAction(t, org, fay.invitation.id, "resend"), 200);

    // Two days later, less two hours, Alice accepts; then two more hours pass.
    t.clock.advance(2 * DAY - 2 * HOUR);
    expectStatus(await signUpWith(t, alice.token, "Alice Johnson"), 200);
    t.clock.advance(2 * HOUR);
  });
  afterAll(() => t.close());

  it("counts accepted, pending and expired (a pending invitation past its expiry) with percentages adding up to 100", async () => {
    const body = await dashboard(t, org);
    expect(body.generatedAt).toBe("2026-01-17T09:00:00.000Z");
    expect(body.accepted).toEqual({ count: 1, percent: 20 });
    expect(body.pending).toEqual({ count: 3, percent: 60 });
    expect(body.expired).toEqual({ count: 1, percent: 20 });
    expect(body.revoked).toEqual({ count: 1 });
    // Fay was resent twice: people, not emails.
    expect(body.resent).toEqual({ count: 2 });
    // The admin (who created the org) and Alice joined in January.
    expect(body.newMembersThisMonth).toEqual({ count: 2, since: "2026-01-01T00:00:00.000Z" });
  });

  it("lists recent activity newest first, named by account name or else by email, in the guide's words", async () => {
    const body = await dashboard(t, org);
    expect(body.recentActivity.map((entry) => entry.sentence)).toEqual([
      "Alice Johnson accepted invitation (2 hours ago)",
      `${emails.fay} invitation resent (2 days ago)`,
      `${emails.fay} invitation resent (2 days ago)`,
      `${emails.fay} invitation pending (2 days)`,
      `${emails.erin} invitation resent (2 days ago)`,
      `${emails.erin} invitation pending (2 days)`,
      `${emails.dan} invitation cancelled (2 days ago)`,
      `${emails.dan} was invited (2 days ago)`,
      `${emails.bob} invitation pending (2 days)`,
      `${emails.carol} was invited (2 days ago)`,
      "Alice Johnson was invited (2 days ago)",
    ]);
    expect(body.recentActivity[0]).toMatchObject({
      action: "invitation.accepted",
      at: "2026-01-17T07:00:00.000Z",
      invitee: { email: emails.alice, name: "Alice Johnson" },
    });
    expect(body.recentActivity.every((entry) => entry.invitee.email !== "someone.else@example.com")).toBe(
      true,
    );
  });

  it("charts invitations sent and accepted per UTC day over the last 30 days", async () => {
    const body = await dashboard(t, org);
    expect(body.chart).toHaveLength(30);
    expect(body.chart[0]?.day).toBe("2025-12-19");
    expect(body.chart.at(-1)?.day).toBe("2026-01-17");
    const active = body.chart.filter((day) => day.sent > 0 || day.accepted > 0);
    expect(active).toEqual([
      { day: "2026-01-15", sent: 6, accepted: 0 },
      { day: "2026-01-17", sent: 0, accepted: 1 },
    ]);
  });

  it("counts only the current month's new members across the month boundary (test clock)", async () => {
    t.clock.set("2026-01-31T23:59:59.999Z");
    org = await signInAgain(t, org);
    expect((await dashboard(t, org)).newMembersThisMonth.count).toBe(2);
    t.clock.set("2026-02-01T00:00:00.000Z");
    org = await signInAgain(t, org);
    const february = await dashboard(t, org);
    expect(february.newMembersThisMonth).toEqual({ count: 0, since: "2026-02-01T00:00:00.000Z" });
    // By February every 7-day invitation has expired; Bob's 30-day one is still pending.
    expect(february.pending).toEqual({ count: 1, percent: 20 });
    expect(february.expired).toEqual({ count: 3, percent: 60 });
    await t.addMember(org, { name: "Fred February" });
    expect((await dashboard(t, org)).newMembersThisMonth.count).toBe(1);
  });

  it("shows an empty org as zeros, not as a division by zero", async () => {
    other = await signInAgain(t, other);
    const body = await dashboard(t, other);
    expect(body.accepted).toEqual({ count: 0, percent: 0 });
    expect(body.expired).toEqual({ count: 1, percent: 100 });
    const empty = await t.setupOrg({ plan: "business", name: "Empty" });
    const none = await dashboard(t, empty);
    expect([none.accepted.percent, none.pending.percent, none.expired.percent]).toEqual([0, 0, 0]);
    expect(none.recentActivity).toEqual([]);
    expect(none.chart.every((day) => day.sent === 0 && day.accepted === 0)).toBe(true);
  });
});

describe("invitation dashboard: new members this month come from per-day counters (migration 0015)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it("a member removed stops counting, and the counters equal a count of the memberships", async () => {
    const org = await t.setupOrg({ plan: "business" });
    const since = (await dashboard(t, org)).newMembersThisMonth.since;
    const people = [await t.addMember(org, {}), await t.addMember(org, {}), await t.addMember(org, {})];
    expect((await dashboard(t, org)).newMembersThisMonth.count).toBe(4);
    const removed = people[1];
    if (!removed) throw new Error("no member to remove");
    const response = await t.request({
      method: "DELETE",
      url: orgUrl(org.orgId, `/members/${removed.userId}`),
      cookie: org.admin.cookie,
    });
    expectStatus(response, 204);
    expect((await dashboard(t, org)).newMembersThisMonth.count).toBe(3);
    expect(await countMembersJoinedSince(t.deps.db, org.orgId, since)).toBe(
      await recountMembersJoinedSince(t.deps.db, org.orgId, since),
    );
  });
});
