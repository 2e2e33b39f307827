import { afterEach, describe, expect, it } from "vitest";
import { issueSetupToken } from "../../src/services/setup/issue-setup-token.js";
import { expectError, expectStatus, getMe } from "../harness/api.js";
import { cookieFrom, createTestApp, type TestApp, uniqueEmail } from "../harness/app.js";

const setupBody = (token: string, overrides: Record<string, unknown> = {}) => ({
  token,
  orgName: "First Org",
  plan: "business",
  adminEmail: uniqueEmail("founder"),
  adminName: "Fran Founder",
  adminPassword: "founder password",
  ...overrides,
});

describe("first-run setup", () => {
  let t: TestApp;
  afterEach(() => t.close());

  const status = async () => (await t.request({ method: "GET", url: "/api/v1/setup" })).json();
  const postSetup = (body: unknown) => t.request({ method: "POST", url: "/api/v1/setup", body });

  it("a fresh instance says setup is required; the printed token creates the org, its admin and the General team", async () => {
    t = await createTestApp();
    expect(await status()).toEqual({ required: true });
    const token = await issueSetupToken(t.deps);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const body = setupBody(token ?? "", { adminEmail: "  Fran@Example.COM ", plan: "team" });
    const response = await postSetup(body);
    expectStatus(response, 201);
    const result = response.json();
    expect(result.user).toEqual({ id: expect.any(String), email: "fran@example.com", name: "Fran Founder" });
    expect(result.org).toMatchObject({ name: "First Org", plan: "team", defaultTeamId: expect.any(String) });

    const cookie = cookieFrom(response);
    const me = (await getMe(t, cookie)).json();
    expect(me.memberships).toEqual([
      {
        orgId: result.org.id,
        orgName: "First Org",
        plan: "team",
        role: "admin",
        department: null,
        teams: [{ teamId: result.org.defaultTeamId, name: "General", role: "owner" }],
      },
    ]);
    const org = await t.request({ method: "GET", url: `/api/v1/orgs/${result.org.id}`, cookie });
    expect(org.json()).toMatchObject({ plan: "team", seats: { used: 1, pending: 0, limit: 50 } });
    const teams = await t.request({ method: "GET", url: `/api/v1/orgs/${result.org.id}/teams`, cookie });
    expect(teams.json().items).toEqual([
      expect.objectContaining({
        id: result.org.defaultTeamId,
        name: "General",
        isDefault: true,
        memberCount: 1,
      }),
    ]);
    expect(await status()).toEqual({ required: false });
    // The admin can sign in with the password chosen at setup.
    expectStatus(
      await t.request({
        method: "POST",
        url: "/api/v1/auth/login",
        body: { email: "fran@example.com", password: "founder password" },
      }),
      200,
    );
  });

  it("someone who guesses at the setup endpoint gets SETUP_TOKEN_INVALID and creates nothing", async () => {
    t = await createTestApp();
    await issueSetupToken(t.deps);
    expectError(await postSetup(setupBody("A".repeat(43))), "SETUP_TOKEN_INVALID");
    expectError(await postSetup(setupBody("short")), "SETUP_TOKEN_INVALID");
    expect(await status()).toEqual({ required: true });
  });

  it("without a printed token there is no way in through the API", async () => {
    t = await createTestApp();
    expectError(await postSetup(setupBody("A".repeat(43))), "SETUP_TOKEN_INVALID");
  });

  it("only the newest printed link works", async () => {
    t = await createTestApp();
    const first = await issueSetupToken(t.deps);
    const second = await issueSetupToken(t.deps);
    expectError(await postSetup(setupBody(first ?? "")), "SETUP_TOKEN_INVALID");
    expectStatus(await postSetup(setupBody(second ?? "")), 201);
  });

  it("a second setup is refused with SETUP_COMPLETE, even with the token that worked", async () => {
    t = await createTestApp();
    const token = (await issueSetupToken(t.deps)) ?? "";
    expectStatus(await postSetup(setupBody(token)), 201);
    expectError(await postSetup(setupBody(token)), "SETUP_COMPLETE");
    expect(await issueSetupToken(t.deps)).toBeNull();
    expectError(await postSetup(setupBody("A".repeat(43))), "SETUP_COMPLETE");
    const orgs = await t.deps.db.selectFrom("orgs").select("id").execute();
    expect(orgs).toHaveLength(1);
  });

  it("validates the setup form: email, password length, plan and unknown fields", async () => {
    t = await createTestApp();
    const token = (await issueSetupToken(t.deps)) ?? "";
    expectError(await postSetup(setupBody(token, { adminEmail: "not an email" })), "VALIDATION_FAILED");
    expectError(await postSetup(setupBody(token, { adminPassword: "short" })), "VALIDATION_FAILED");
    expectError(await postSetup(setupBody(token, { plan: "platinum" })), "VALIDATION_FAILED");
    expectError(await postSetup(setupBody(token, { orgName: "   " })), "VALIDATION_FAILED");
    const unknown = await postSetup(setupBody(token, { seatLimit: 5 }));
    expect(expectError(unknown, "VALIDATION_FAILED").message).toContain("seatLimit");
    // None of those used up the token.
    expectStatus(await postSetup(setupBody(token)), 201);
  });
});
