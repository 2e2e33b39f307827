import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../../src/security/tokens.js";
import { createTeam, expectError, expectStatus, orgUrl, type Response } from "../harness/api.js";
import {
  cookieFrom,
  createTestApp,
  type OrgFixture,
  PUBLIC_URL,
  type TestApp,
  uniqueEmail,
} from "../harness/app.js";
import { startTestOp, type TestAccount, type TestOp } from "../harness/oidc-provider.js";

const REDIRECT_URI = `${PUBLIC_URL}/api/v1/sso/callback`;

describe("OIDC single sign-on against a real provider on loopback", () => {
  let t: TestApp;
  let op: TestOp;
  let org: OrgFixture;
  let eng: string;
  let subjects = 0;

  const account = (overrides: Partial<TestAccount> = {}): string => {
    subjects += 1;
    const id = `acct-${subjects}-${Math.random().toString(36).slice(2, 7)}`;
    op.accounts.set(id, {
      sub: id,
      email: uniqueEmail("sso"),
      emailVerified: true,
      name: `Sso Person ${subjects}`,
      groups: [],
      ...overrides,
    });
    return id;
  };
  const oidcUrl = (rest = "") => orgUrl(org.orgId, `/sso/oidc${rest}`);
  const connectionBody = (overrides: Record<string, unknown> = {}) => ({
    issuer: op.issuer,
    clientId: op.clientId,
    clientSecret: op.clientSecret,
    scopes: ["openid", "email", "profile", "groups"],
    defaultRole: "viewer",
    groupsClaim: "groups",
    ...overrides,
  });

  /** Starts SSO at Gatehouse and follows the provider until it redirects back to the callback. */
  const startAndAuthorize = async (accountId: string, returnTo?: string) => {
    const query = returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : "";
    const start = await t.request({ method: "GET", url: `/api/v1/sso/${org.orgId}/start${query}` });
    expectStatus(start, 302);
    const authorizeUrl = String(start.headers.location);
    if (!authorizeUrl.startsWith(op.issuer)) throw new Error(`start went to ${authorizeUrl}`);
    expect(authorizeUrl.startsWith(op.issuer)).toBe(true);
    const params = new URL(authorizeUrl).searchParams;
    expect(params.get("code_challenge_method")).toBe("S256");
    expect(params.get("state")).toBeTruthy();
    expect(params.get("nonce")).toBeTruthy();
    op.nextAccount = accountId;
    return { callback: await op.authorize(authorizeUrl), authorizeUrl };
  };
  const callback = (url: URL, cookie?: string) =>
    t.request({
      method: "GET",
      url: `${url.pathname}${url.search}`,
      ...(cookie && { cookie, origin: null }),
    });
  const login = async (accountId: string, returnTo?: string) =>
    callback((await startAndAuthorize(accountId, returnTo)).callback);
  const refusal = (response: Response): { code: string; message: string } => {
    expectStatus(response, 302);
    const location = new URL(String(response.headers.location), PUBLIC_URL);
    expect(location.pathname).toBe("/sso/error");
    expect(response.cookies.find((c) => c.name.includes("gatehouse_session"))).toBeUndefined();
    return {
      code: String(location.searchParams.get("code")),
      message: String(location.searchParams.get("message")),
    };
  };
  const me = async (cookie: string) => {
    const response = await t.request({ method: "GET", url: "/api/v1/me", cookie });
    expectStatus(response, 200);
    return response.json() as {
      user: { id: string; email: string };
      memberships: { orgId: string; role: string; teams: { teamId: string; role: string }[] }[];
    };
  };
  const membershipIn = async (cookie: string) =>
    (await me(cookie)).memberships.find((m) => m.orgId === org.orgId);

  beforeAll(async () => {
    t = await createTestApp({ env: { SSO_ALLOW_HTTP_ISSUERS: "true" } });
    // ID tokens are validated against Gatehouse's clock: line it up with the provider's real one.
    t.clock.set(new Date());
    op = await startTestOp({ redirectUri: REDIRECT_URI, idTokenTtlSeconds: 120 });
    org = await t.setupOrg({ plan: "business" });
    eng = await createTeam(t, org, "Engineering");
    const saved = await t.request({
      method: "PUT",
      url: oidcUrl(),
      cookie: org.admin.cookie,
      body: connectionBody(),
    });
    expectStatus(saved, 200);
    const mapping = await t.request({
      method: "PUT",
      url: orgUrl(org.orgId, "/group-mapping"),
      cookie: org.admin.cookie,
      body: {
        rules: [
          { group: "Engineering", role: "member", teamId: eng },
          { group: "IT Admins", role: "admin" },
        ],
      },
    });
    expectStatus(mapping, 200);
  });
  afterAll(async () => {
    await op?.close();
    await t?.close();
  });

  it("never returns the secret, keeps it when omitted, and refuses members and viewers", async () => {
    const response = await t.request({ method: "GET", url: oidcUrl(), cookie: org.admin.cookie });
    expectStatus(response, 200);
    expect(response.body).not.toContain(op.clientSecret);
    expect(response.json()).toMatchObject({
      issuer: op.issuer,
      clientId: op.clientId,
      clientSecretSet: true,
      scopes: ["openid", "email", "profile", "groups"],
      defaultRole: "viewer",
      groupsClaim: "groups",
      enabled: true,
      redirectUri: REDIRECT_URI,
    });
    const { clientSecret: _omitted, ...withoutSecret } = connectionBody();
    const kept = await t.request({
      method: "PUT",
      url: oidcUrl(),
      cookie: org.admin.cookie,
      body: withoutSecret,
    });
    expectStatus(kept, 200);
    expect(kept.body).not.toContain(op.clientSecret);
    const row = await t.deps.db
      .selectFrom("oidc_connections")
      .select("client_secret_sealed")
      .where("org_id", "=", org.orgId)
      .executeTakeFirstOrThrow();
    expect(row.client_secret_sealed).not.toContain(op.clientSecret);
    expect(t.deps.sealer.unseal(row.client_secret_sealed)).toBe(op.clientSecret);

    for (const role of ["member", "viewer"] as const) {
      const person = await t.addMember(org, { role });
      expectError(await t.request({ method: "GET", url: oidcUrl(), cookie: person.cookie }), "FORBIDDEN");
      expectError(
        await t.request({ method: "PUT", url: oidcUrl(), cookie: person.cookie, body: connectionBody() }),
        "FORBIDDEN",
      );
      expectError(await t.request({ method: "DELETE", url: oidcUrl(), cookie: person.cookie }), "FORBIDDEN");
      expectError(
        await t.request({ method: "POST", url: oidcUrl("/test"), cookie: person.cookie }),
        "FORBIDDEN",
      );
    }
  });

  it("refuses a connection whose discovery fails or reports another issuer", async () => {
    const unreachable = await t.request({
      method: "PUT",
      url: oidcUrl(),
      cookie: org.admin.cookie,
      body: connectionBody({ issuer: "http://127.0.0.1:1/realms/none" }),
    });
    expect(expectError(unreachable, "SSO_DISCOVERY_FAILED").message).toContain("Check the issuer URL");
    op.lieAboutIssuer = "https://idp.evil.example";
    try {
      const mismatch = await t.request({
        method: "PUT",
        url: oidcUrl(),
        cookie: org.admin.cookie,
        body: connectionBody(),
      });
      expect(expectError(mismatch, "SSO_DISCOVERY_FAILED").message).toContain("different issuer");
    } finally {
      op.lieAboutIssuer = null;
    }
    const insecure = await createTestApp();
    try {
      const fresh = await insecure.setupOrg();
      const refused = await insecure.request({
        method: "PUT",
        url: orgUrl(fresh.orgId, "/sso/oidc"),
        cookie: fresh.admin.cookie,
        body: connectionBody(),
      });
      expect(expectError(refused, "VALIDATION_FAILED").message).toContain("https://");
    } finally {
      await insecure.close();
    }
  });

  it("signs a new person in end to end: JIT user, mapped role and team, a working session", async () => {
    const id = account({ groups: ["Engineering"] });
    const response = await login(id, "/orgs/x/settings/users?tab=1");
    expectStatus(response, 302);
    expect(response.headers.location).toBe("/orgs/x/settings/users?tab=1");
    const cookie = cookieFrom(response);
    const view = await me(cookie);
    expect(view.user.email).toBe(op.accounts.get(id)?.email);
    const membership = view.memberships.find((m) => m.orgId === org.orgId);
    expect(membership?.role).toBe("member");
    expect(membership?.teams.map((team) => team.teamId)).toEqual(
      expect.arrayContaining([eng, org.defaultTeamId]),
    );
    const identity = await t.deps.db
      .selectFrom("user_identities")
      .selectAll()
      .where("subject", "=", id)
      .executeTakeFirstOrThrow();
    expect(identity).toMatchObject({ issuer: op.issuer, user_id: view.user.id, org_id: org.orgId });
    const events = await t.deps.db
      .selectFrom("audit_events")
      .select("action")
      .where("org_id", "=", org.orgId)
      .where("action", "in", ["sso.user_provisioned", "sso.login_succeeded"])
      .execute();
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(["sso.user_provisioned", "sso.login_succeeded"]),
    );
    // The state is gone once used.
    const states = await t.deps.db.selectFrom("sso_login_states").select("state_hash").execute();
    expect(states.length).toBe(0);
  });

  it("re-applies a changed groups claim at the next sign-in, and an unsafe path never lands off-site", async () => {
    const id = account({ groups: ["Engineering"] });
    const first = await login(id);
    expect(first.headers.location).toBe("/");
    expect((await membershipIn(cookieFrom(first)))?.role).toBe("member");
    const person = op.accounts.get(id);
    if (!person) throw new Error("no account");
    person.groups = ["IT Admins"];
    const second = await login(id, "//evil.example/phish");
    expect(second.headers.location).toBe("/");
    const membership = await membershipIn(cookieFrom(second));
    expect(membership?.role).toBe("admin");
    expect(membership?.teams.map((team) => team.teamId)).not.toContain(eng);
  });

  it("refuses an unknown state and a replayed state", async () => {
    const id = account();
    const { callback: url } = await startAndAuthorize(id);
    const forged = new URL(url);
    forged.searchParams.set("state", "forged-state-value");
    expect(refusal(await callback(forged)).code).toBe("SSO_LOGIN_FAILED");
    const ok = await callback(url);
    cookieFrom(ok);
    const replay = refusal(await callback(url));
    expect(replay.code).toBe("SSO_LOGIN_FAILED");
    expect(replay.message).toContain("already used");
    const refused = await t.deps.db
      .selectFrom("audit_events")
      .select("action")
      .where("action", "=", "sso.login_refused")
      .execute();
    expect(refused.length).toBeGreaterThanOrEqual(2);
  });

  it("refuses a replayed authorization code under a fresh state", async () => {
    const id = account();
    const { callback: used } = await startAndAuthorize(id);
    cookieFrom(await callback(used));
    const { callback: fresh } = await startAndAuthorize(id);
    const replay = new URL(fresh);
    replay.searchParams.set("code", String(used.searchParams.get("code")));
    expect(refusal(await callback(replay)).code).toBe("SSO_LOGIN_FAILED");
  });

  it("refuses a wrong nonce and a wrong issuer in the response", async () => {
    const id = account();
    const { callback: url } = await startAndAuthorize(id);
    const state = String(url.searchParams.get("state"));
    await t.deps.db
      .updateTable("sso_login_states")
      .set({ nonce: "not-the-nonce-that-was-sent" })
      .where("state_hash", "=", hashToken(state))
      .execute();
    expect(refusal(await callback(url)).message).toMatch(/nonce/i);

    const { callback: other } = await startAndAuthorize(id);
    expect(other.searchParams.get("iss")).toBe(op.issuer);
    other.searchParams.set("iss", "https://idp.evil.example");
    expect(refusal(await callback(other)).message).toMatch(/iss/i);
  });

  it("refuses an ID token issued to another client (wrong audience)", async () => {
    const id = account();
    const start = await t.request({ method: "GET", url: `/api/v1/sso/${org.orgId}/start` });
    const authorizeUrl = new URL(String(start.headers.location));
    const state = String(authorizeUrl.searchParams.get("state"));
    const row = await t.deps.db
      .selectFrom("sso_login_states")
      .selectAll()
      .where("state_hash", "=", hashToken(state))
      .executeTakeFirstOrThrow();
    const verifier = t.deps.sealer.unseal(row.code_verifier_sealed);
    // A real ID token for the other client, with the same nonce.
    const forOther = new URL(authorizeUrl);
    forOther.searchParams.set("client_id", op.otherClientId);
    op.nextAccount = id;
    const otherCode = String((await op.authorize(forOther.href)).searchParams.get("code"));
    const { id_token: foreign } = await op.redeem(otherCode, op.otherClientId, verifier, REDIRECT_URI);
    // Gatehouse's own code, but the token response carries the other client's ID token.
    const url = await op.authorize(authorizeUrl.href);
    op.swapIdToken = foreign;
    expect(refusal(await callback(url)).message).toMatch(/aud/i);
    op.swapIdToken = null;
  });

  it("links an existing account by email only when the provider says the email is verified", async () => {
    const elsewhere = await t.setupOrg({ adminEmail: uniqueEmail("existing") });
    const unverified = account({ email: elsewhere.admin.email, emailVerified: false });
    expect(refusal(await login(unverified)).code).toBe("SSO_ACCOUNT_NOT_LINKED");
    const linked = await t.deps.db
      .selectFrom("user_identities")
      .select("id")
      .where("user_id", "=", elsewhere.admin.userId)
      .execute();
    expect(linked).toEqual([]);

    const verified = account({ email: elsewhere.admin.email, emailVerified: true });
    const response = await login(verified);
    const view = await me(cookieFrom(response));
    expect(view.user.id).toBe(elsewhere.admin.userId);
    expect(view.memberships.map((m) => m.orgId).sort()).toEqual([org.orgId, elsewhere.orgId].sort());
  });

  it("does not let a removed member back in", async () => {
    const id = account();
    const first = await login(id);
    const { user } = await me(cookieFrom(first));
    const removed = await t.request({
      method: "DELETE",
      url: orgUrl(org.orgId, `/members/${user.id}`),
      cookie: org.admin.cookie,
    });
    expect(removed.statusCode).toBeLessThan(300);
    expect(refusal(await login(id)).code).toBe("SSO_MEMBERSHIP_REMOVED");
  });

  it("test login reports the claims to the admin who started it and signs nobody in", async () => {
    const id = account({ groups: ["Engineering", "Designers"] });
    const started = await t.request({ method: "POST", url: oidcUrl("/test"), cookie: org.admin.cookie });
    expectStatus(started, 200);
    op.nextAccount = id;
    const url = await op.authorize(started.json().redirectTo as string);
    const done = await callback(url, org.admin.cookie);
    expectStatus(done, 302);
    const location = new URL(String(done.headers.location), PUBLIC_URL);
    expect(location.pathname).toBe(`/orgs/${org.orgId}/settings/sso`);
    const result = JSON.parse(
      Buffer.from(location.hash.replace("#sso-test=", ""), "base64url").toString("utf8"),
    );
    expect(result).toMatchObject({
      issuer: op.issuer,
      subject: id,
      emailVerified: true,
      groups: ["Engineering", "Designers"],
    });
    expect(done.cookies.find((c) => c.name.includes("gatehouse_session"))).toBeUndefined();
    const audited = await t.deps.db
      .selectFrom("audit_events")
      .select("action")
      .where("org_id", "=", org.orgId)
      .where("action", "=", "sso.test_login_completed")
      .execute();
    expect(audited.length).toBe(1);
    const users = await t.deps.db
      .selectFrom("user_identities")
      .select("id")
      .where("subject", "=", id)
      .execute();
    expect(users).toEqual([]);

    const again = await t.request({ method: "POST", url: oidcUrl("/test"), cookie: org.admin.cookie });
    const elsewhere = await op.authorize(again.json().redirectTo as string);
    expect(refusal(await callback(elsewhere)).message).toContain("admin who started it");
  });

  it("refuses an expired ID token", async () => {
    const id = account();
    const { callback: url } = await startAndAuthorize(id);
    t.clock.advance(5 * 60 * 1000);
    try {
      expect(refusal(await callback(url)).message).toMatch(/exp/i);
    } finally {
      t.clock.set(new Date());
    }
  });

  it("refuses sign-in when the connection is disabled or removed", async () => {
    const disabled = await t.request({
      method: "PUT",
      url: oidcUrl(),
      cookie: org.admin.cookie,
      body: connectionBody({ enabled: false }),
    });
    expectStatus(disabled, 200);
    const start = await t.request({ method: "GET", url: `/api/v1/sso/${org.orgId}/start` });
    expect(refusal(start).code).toBe("SSO_NOT_CONFIGURED");
    expectStatus(await t.request({ method: "DELETE", url: oidcUrl(), cookie: org.admin.cookie }), 200);
    expectError(
      await t.request({ method: "GET", url: oidcUrl(), cookie: org.admin.cookie }),
      "SSO_NOT_CONFIGURED",
    );
  });
});
