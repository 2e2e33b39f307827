import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backfillInvitationCounters } from "../../src/db/migrations/0013-invitation-counters.js";
import {
  readStoredInvitationCounters,
  recountInvitationCounters,
} from "../../src/db/queries/invitation-stats.js";
import { expireInvitations } from "../../src/services/invitations/sweep-invitations.js";
import {
  createInvitation,
  expectStatus,
  invitationAction,
  orgUrl,
  postInvitation,
  signUpWith,
} from "../harness/api.js";
import { createTestApp, type OrgFixture, type TestApp } from "../harness/app.js";
import { TEST_DIALECT } from "../harness/database.js";

const DAY = 24 * 60 * 60 * 1000;

type Counts = { count: number };
type Dashboard = {
  accepted: Counts;
  pending: Counts;
  expired: Counts;
  revoked: Counts;
  resent: Counts;
  chart: { day: string; sent: number; accepted: number }[];
};

/**
 * The dashboard's counters (migration 0013) are kept by triggers in the same transaction as every
 * change to an invitation. After each step of a mixed sequence through the API, the sweep and the
 * importer, they must equal a recount of the rows themselves, in both orgs.
 */
describe("invitation counters stay equal to a recount", () => {
  let t: TestApp;
  let org: OrgFixture;
  let other: OrgFixture;

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set("2026-03-10T12:00:00.000Z");
    org = await t.setupOrg({ plan: "business", name: "Counted Co" });
    other = await t.setupOrg({ plan: "business", name: "Other Co" });
  });
  afterAll(() => t.close());

  async function expectCountersMatch() {
    for (const fixture of [org, other]) {
      const stored = await readStoredInvitationCounters(t.deps.db, fixture.orgId);
      const recounted = await recountInvitationCounters(t.deps.db, fixture.orgId);
      expect(stored).toEqual(recounted);
    }
  }

  /** Effective statuses counted straight from the rows, as users see them. */
  async function effectiveCounts(fixture: OrgFixture) {
    const now = t.clock.now().toISOString();
    const rows = await t.deps.db
      .selectFrom("invitations")
      .select(["status", "expires_at"])
      .where("org_id", "=", fixture.orgId)
      .execute();
    const counts = { accepted: 0, pending: 0, expired: 0, revoked: 0 };
    for (const row of rows) {
      const lapsed = row.status === "pending" && new Date(row.expires_at).toISOString() <= now;
      counts[lapsed ? "expired" : row.status] += 1;
    }
    return counts;
  }

  async function signInAgain() {
    org = { ...org, admin: { ...org.admin, cookie: await t.signIn(org.admin.email) } };
    other = { ...other, admin: { ...other.admin, cookie: await t.signIn(other.admin.email) } };
  }

  async function dashboard(fixture: OrgFixture): Promise<Dashboard> {
    const response = await t.request({
      method: "GET",
      url: orgUrl(fixture.orgId, "/invitations/dashboard"),
      cookie: fixture.admin.cookie,
    });
    expectStatus(response, 200);
    return response.json() as Dashboard;
  }

  async function expectDashboardMatches(fixture: OrgFixture) {
    const body = await dashboard(fixture);
    const counts = await effectiveCounts(fixture);
    expect({
      accepted: body.accepted.count,
      pending: body.pending.count,
      expired: body.expired.count,
      revoked: body.revoked.count,
    }).toEqual(counts);
    return body;
  }

  function upload(fixture: OrgFixture, csv: string) {
    return t.request({
      method: "POST",
      url: orgUrl(fixture.orgId, "/imports"),
      cookie: fixture.admin.cookie,
      headers: { "content-type": "text/csv" },
      body: csv,
    });
  }

  it("after create, revoke, resend, accept, import, extend, lapse, sweep, re-invite and delete", async () => {
    const [alice, bob, carol, dan, erin] = [
      await createInvitation(t, org, { email: "alice@counted.example" }),
      await createInvitation(t, org, { email: "bob@counted.example" }),
      await createInvitation(t, org, { email: "carol@counted.example" }),
      await createInvitation(t, org, { email: "dan@counted.example" }),
      await createInvitation(t, org, { email: "erin@counted.example", expiresInDays: 1 }),
    ];
    await createInvitation(t, other, { email: "someone@other.example" });
    await createInvitation(t, other, { email: "someone.else@other.example" });
    await expectCountersMatch();

    expectStatus(await invitationAction(t, org, bob.invitation.id, "revoke"), 200);
    expectStatus(await invitationAction(t, org, carol.invitation.id, "resend"), 200);
    expectStatus(await invitationAction(t, org, carol.invitation.id, "resend"), 200);
    expectStatus(await invitationAction(t, org, dan.invitation.id, "extend", { days: 14 }), 200);
    expectStatus(await signUpWith(t, alice.token, "Alice Counted"), 200);
    await expectCountersMatch();
    let body = await expectDashboardMatches(org);
    // Carol was resent twice: one invitation.
    expect(body.resent.count).toBe(1);
    expect(body.chart.at(-1)).toEqual({ day: "2026-03-10", sent: 5, accepted: 1 });

    // An import chunk: two new rows, one already invited (Dan), one invalid.
    const imported = await upload(
      org,
      "email,role,department,message\nfrank@counted.example,member,,\ngina@counted.example,viewer,,\ndan@counted.example,member,,\nnot-an-email,member,,\n",
    );
    expectStatus(imported, 201);
    expect(imported.json().counts).toMatchObject({ invited: 2, already_invited: 1, invalid: 1 });
    await expectCountersMatch();

    // Two days later Erin's one-day invitation has lapsed, before any sweep ran: shown as expired.
    t.clock.advance(2 * DAY);
    await signInAgain();
    await expectCountersMatch();
    body = await expectDashboardMatches(org);
    expect(body.expired.count).toBe(1);

    // Re-inviting Erin expires the lapsed invitation in the same transaction as the new one.
    await createInvitation(t, org, { email: "erin@counted.example" });
    await expectCountersMatch();
    await expectDashboardMatches(org);

    // Eight more days: every 7-day invitation has lapsed; the sweep records them as expired.
    t.clock.advance(8 * DAY);
    await signInAgain();
    await expectDashboardMatches(org);
    expect(await expireInvitations(t.deps)).toBeGreaterThan(0);
    await expectCountersMatch();
    body = await expectDashboardMatches(org);

    // Resending an expired invitation makes it pending again and counts as a second resent one.
    expectStatus(await invitationAction(t, org, erin.invitation.id, "resend"), 200);
    await expectCountersMatch();
    body = await expectDashboardMatches(org);
    expect(body.resent.count).toBe(2);

    // An import re-inviting Frank, whose invitation lapsed but was not swept yet: the importer
    // expires it and invites again in one chunk.
    const frank = await createInvitation(t, other, { email: "frank@other.example", expiresInDays: 1 });
    t.clock.advance(2 * DAY);
    await signInAgain();
    expectStatus(await upload(other, "email,role,department,message\nfrank@other.example,member,,\n"), 201);
    const frankRows = await t.deps.db
      .selectFrom("invitations")
      .select("status")
      .where("org_id", "=", other.orgId)
      .where("email", "=", frank.invitation.email)
      .orderBy("status")
      .execute();
    expect(frankRows.map((row) => row.status)).toEqual(["expired", "pending"]);
    await expectCountersMatch();
    await expectDashboardMatches(other);

    // A deleted invitation (an org's invitations go when the org does) leaves the counters too.
    await t.deps.db.deleteFrom("invitations").where("id", "=", alice.invitation.id).execute();
    await t.deps.db.deleteFrom("invitations").where("id", "=", bob.invitation.id).execute();
    await expectCountersMatch();
    await expectDashboardMatches(org);
  });

  it("a refused change leaves the counters as they were", async () => {
    await createInvitation(t, org, { email: "hal@counted.example" });
    const before = await readStoredInvitationCounters(t.deps.db, org.orgId);
    // A second pending invitation for the same email is refused.
    const response = await postInvitation(t, org, { email: "hal@counted.example" });
    expect(response.statusCode).toBe(409);
    expect(await readStoredInvitationCounters(t.deps.db, org.orgId)).toEqual(before);
    await expectCountersMatch();
  });

  it("the migration's backfill counts what the triggers counted", async () => {
    const before = [
      await readStoredInvitationCounters(t.deps.db, org.orgId),
      await readStoredInvitationCounters(t.deps.db, other.orgId),
    ];
    await t.deps.db.deleteFrom("invitation_counters").execute();
    await t.deps.db.deleteFrom("invitation_daily_counts").execute();
    expect((await readStoredInvitationCounters(t.deps.db, org.orgId)).counters.pending).toBe(0);
    await backfillInvitationCounters(t.deps.db as never, TEST_DIALECT);
    expect([
      await readStoredInvitationCounters(t.deps.db, org.orgId),
      await readStoredInvitationCounters(t.deps.db, other.orgId),
    ]).toEqual(before);
  });
});
