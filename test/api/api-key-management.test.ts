import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTeam, expectError, orgUrl } from "../harness/api.js";
import {
  createTestApp,
  type MemberFixture,
  type OrgFixture,
  type TestApp,
  uniqueEmail,
} from "../harness/app.js";

/**
 * A personal API key without scopes stands in for its owner on the organization's own API (so an
 * admin can script invitations), never wider than the owner's current role, and the audit trail names
 * the key. Scoped keys and team keys stay on the decision API.
 */
let t: TestApp;
let org: OrgFixture;
let other: OrgFixture;
let member: MemberFixture;
let team: string;

const withKey = (secret: string) => ({ authorization: `Bearer ${secret}` });

async function createKey(person: MemberFixture, body: Record<string, unknown>, orgId = org.orgId) {
  const created = await t.request({
    method: "POST",
    url: orgUrl(orgId, "/api-keys"),
    cookie: person.cookie,
    body,
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json() as { apiKey: { id: string }; secret: string };
}

const invite = (secret: string, email = uniqueEmail("scripted"), orgId = org.orgId) =>
  t.request({
    method: "POST",
    url: orgUrl(orgId, "/invitations"),
    headers: withKey(secret),
    body: { email, role: "member" },
  });

beforeAll(async () => {
  t = await createTestApp();
  org = await t.setupOrg({ plan: "business", name: "Scripted" });
  other = await t.setupOrg({ plan: "business", name: "Elsewhere" });
  team = await createTeam(t, org, "Ops");
  member = await t.addMember(org, { role: "member", teamId: team, teamRole: "member" });
});
afterAll(() => t.close());

describe("personal API keys on the management API", () => {
  it("an admin's key invites as the admin; the audit trail records the key and source api", async () => {
    const { apiKey, secret } = await createKey(org.admin, { kind: "personal", name: "onboarding script" });
    const email = uniqueEmail("scripted");
    const created = await invite(secret, email);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().invitation).toMatchObject({ email });

    const events = await t.request({
      method: "GET",
      url: orgUrl(org.orgId, "/audit-events?action=invitation.created"),
      headers: withKey(secret),
    });
    expect(events.statusCode, events.body).toBe(200);
    const event = events
      .json()
      .items.find((e: { after: { email?: string } | null }) => e.after?.email === email);
    expect(event).toMatchObject({
      source: "api",
      actor: { userId: org.admin.userId, apiKeyId: apiKey.id },
    });
  });

  it("a member's key is never wider than the member: it reads what they read and cannot invite", async () => {
    const { secret } = await createKey(member, { kind: "personal", name: "my script" });
    const members = await t.request({
      method: "GET",
      url: orgUrl(org.orgId, "/members"),
      headers: withKey(secret),
    });
    expect(members.statusCode, members.body).toBe(200);
    expectError(await invite(secret), "FORBIDDEN");
  });

  it("a key stops at once when revoked or when its owner is demoted", async () => {
    const admin = await t.addMember(org, { role: "admin" });
    const first = await createKey(admin, { kind: "personal", name: "first" });
    const second = await createKey(admin, { kind: "personal", name: "second" });
    expect((await invite(first.secret)).statusCode).toBe(201);

    await t.request({
      method: "DELETE",
      url: orgUrl(org.orgId, `/api-keys/${first.apiKey.id}`),
      cookie: admin.cookie,
    });
    expectError(await invite(first.secret), "API_KEY_INVALID");

    expect((await invite(second.secret)).statusCode).toBe(201);
    await t.request({
      method: "PATCH",
      url: orgUrl(org.orgId, `/members/${admin.userId}`),
      cookie: org.admin.cookie,
      body: { role: "member" },
    });
    expectError(await invite(second.secret), "API_KEY_INVALID");
  });

  it("scoped keys and team keys stay on the decision API and say so", async () => {
    const scoped = await createKey(org.admin, { kind: "personal", name: "runner", scopes: ["agents:run"] });
    const refusedScoped = expectError(await invite(scoped.secret), "FORBIDDEN");
    expect(refusedScoped.message).toContain("without scopes");

    await t.request({
      method: "PATCH",
      url: orgUrl(org.orgId, `/teams/${team}/members/${org.admin.userId}`),
      cookie: org.admin.cookie,
      body: { role: "owner" },
    });
    const teamKey = await createKey(org.admin, { kind: "team", name: "ops bot", teamId: team });
    const refusedTeam = expectError(await invite(teamKey.secret), "FORBIDDEN");
    expect(refusedTeam.message).toContain("team API key");
  });

  it("a key of one org is unknown to another, and a malformed header is a clear error", async () => {
    const { secret } = await createKey(org.admin, { kind: "personal", name: "home" });
    expectError(await invite(secret, uniqueEmail(), other.orgId), "API_KEY_INVALID");
    expectError(
      await t.request({
        method: "GET",
        url: orgUrl(org.orgId, "/members"),
        headers: { authorization: "Token abc" },
      }),
      "API_KEY_INVALID",
    );
    // What to do, and the reasons a key stops working, without saying which one applies.
    expect(expectError(await invite("gh_not-a-real-key"), "API_KEY_INVALID").message).toBe(
      "This API key is not valid: it is unknown, revoked or expired, or (a personal key) its owner has left the organization or lost the role it acted with. Create a new one.",
    );
  });

  it("session-only routes do not take API keys", async () => {
    const { secret } = await createKey(org.admin, { kind: "personal", name: "me" });
    expectError(
      await t.request({ method: "GET", url: "/api/v1/me", headers: withKey(secret) }),
      "UNAUTHENTICATED",
    );
  });
});
