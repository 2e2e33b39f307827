import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInvitation, expectError, expectStatus, getMe, signUpWith } from "../harness/api.js";
import {
  cookieFrom,
  createTestApp,
  DEFAULT_PASSWORD,
  type OrgFixture,
  type TestApp,
  uniqueEmail,
} from "../harness/app.js";

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
const login = (t: TestApp, email: string, password: string) =>
  t.request({ method: "POST", url: "/api/v1/auth/login", body: { email, password } });

describe("sign-in, sessions and what the database keeps", () => {
  let t: TestApp;
  let org: OrgFixture;

  beforeAll(async () => {
    t = await createTestApp();
    org = await t.setupOrg({ plan: "business" });
  });
  afterAll(() => t.close());

  it("signs in with email and password and sets an HttpOnly, SameSite=Lax, Path=/ cookie (no Secure on http)", async () => {
    const response = await login(t, org.admin.email, DEFAULT_PASSWORD);
    expectStatus(response, 200);
    expect(response.json()).toEqual({
      user: { id: org.admin.userId, email: org.admin.email, name: "Ada Admin" },
    });
    const cookie = response.cookies.find((c) => c.name === "gatehouse_session");
    expect(cookie).toBeDefined();
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
    expect(cookie?.path).toBe("/");
    expect(cookie?.secure).toBeFalsy();
    expect(cookie?.domain).toBeUndefined();
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expectStatus(await getMe(t, cookieFrom(response)), 200);
  });

  it("accepts the email in any case and with surrounding spaces", async () => {
    const response = await login(t, `  ${org.admin.email.toUpperCase()} `, DEFAULT_PASSWORD);
    expectStatus(response, 200);
  });

  it("an attacker cannot tell an unknown email from a wrong password", async () => {
    const wrongPassword = await login(t, org.admin.email, "not the password");
    const unknownEmail = await login(t, uniqueEmail("nobody"), "not the password");
    const malformedEmail = await login(t, "not-an-email", "not the password");
    const a = expectError(wrongPassword, "INVALID_CREDENTIALS");
    const b = expectError(unknownEmail, "INVALID_CREDENTIALS");
    const c = expectError(malformedEmail, "INVALID_CREDENTIALS");
    expect(a.message).toBe(b.message);
    expect(b.message).toBe(c.message);
    expect(wrongPassword.cookies).toHaveLength(0);
  });

  it("refuses a login body with missing or unknown fields", async () => {
    expectError(
      await t.request({ method: "POST", url: "/api/v1/auth/login", body: { email: org.admin.email } }),
      "VALIDATION_FAILED",
    );
    const response = await t.request({
      method: "POST",
      url: "/api/v1/auth/login",
      body: { email: org.admin.email, password: DEFAULT_PASSWORD, remember: true },
    });
    expect(expectError(response, "VALIDATION_FAILED").message).toContain("remember");
  });

  it("GET /me returns the user and every membership with its role and teams", async () => {
    const response = await getMe(t, org.admin.cookie);
    expectStatus(response, 200);
    expect(response.json()).toEqual({
      user: { id: org.admin.userId, email: org.admin.email, name: "Ada Admin" },
      memberships: [
        {
          orgId: org.orgId,
          orgName: "Acme",
          plan: "business",
          role: "admin",
          department: null,
          teams: [{ teamId: org.defaultTeamId, name: "General", role: "owner" }],
        },
      ],
    });
  });

  it("GET /me without a session, with a garbage cookie or a made-up token is 401 UNAUTHENTICATED", async () => {
    expectError(await getMe(t, null), "UNAUTHENTICATED");
    expectError(await getMe(t, "gatehouse_session=garbage"), "UNAUTHENTICATED");
    expectError(await getMe(t, `gatehouse_session=${"A".repeat(43)}`), "UNAUTHENTICATED");
  });

  it("logout ends the session: the same cookie is refused afterwards and its row is gone", async () => {
    const cookie = await t.signIn(org.admin.email);
    const before = await t.deps.db.selectFrom("sessions").select("id").execute();
    const response = await t.request({ method: "POST", url: "/api/v1/auth/logout", cookie });
    expectStatus(response, 200);
    expect(response.json()).toEqual({ ok: true });
    const cleared = response.cookies.find((c) => c.name === "gatehouse_session");
    expect(cleared?.value).toBe("");
    expectError(await getMe(t, cookie), "UNAUTHENTICATED");
    const after = await t.deps.db.selectFrom("sessions").select("id").execute();
    expect(after.length).toBe(before.length - 1);
    expect(after.map((s) => s.id)).not.toContain(sha256(cookie.split("=")[1] ?? ""));
    // Other sessions of the same person are untouched.
    expectStatus(await getMe(t, org.admin.cookie), 200);
  });

  it("logout without a session is harmless", async () => {
    expectStatus(await t.request({ method: "POST", url: "/api/v1/auth/logout" }), 200);
  });

  it("a session expires after its lifetime (14 days) and stays alive while used", async () => {
    const cookie = await t.signIn(org.admin.email);
    t.clock.advanceDays(10);
    const renewed = await getMe(t, cookie);
    expectStatus(renewed, 200);
    expect(renewed.cookies.find((c) => c.name === "gatehouse_session")?.value).toBe(cookie.split("=")[1]);
    t.clock.advanceDays(10);
    expectStatus(await getMe(t, cookie), 200);
    const idle = await t.signIn(org.admin.email);
    t.clock.advanceDays(15);
    expectError(await getMe(t, idle), "UNAUTHENTICATED");
    org.admin.cookie = await t.signIn(org.admin.email);
  });

  it("a stolen database holds no password: users keep argon2id hashes only", async () => {
    const { token } = await createInvitation(t, org);
    const password = "a very particular password";
    const accepted = await t.request({
      method: "POST",
      url: "/api/v1/invitations/accept",
      body: { token, name: "Hash Check", password },
    });
    expectStatus(accepted, 200);
    const rows = await t.deps.db.selectFrom("users").select(["email", "password_hash"]).execute();
    for (const row of rows) {
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      expect(row.password_hash).not.toContain(password);
      expect(row.password_hash).not.toContain(DEFAULT_PASSWORD);
    }
  });

  it("a stolen database holds no session token: sessions are keyed by the token's SHA-256", async () => {
    const cookie = await t.signIn(org.admin.email);
    const token = cookie.split("=")[1] ?? "";
    const ids = (await t.deps.db.selectFrom("sessions").select("id").execute()).map((s) => s.id);
    expect(ids).toContain(sha256(token));
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{64}$/);
      expect(id).not.toContain(token);
    }
  });

  it("a stolen database holds no invitation token, not in invitations nor in the audit trail", async () => {
    const { token, invitation } = await createInvitation(t, org);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await t.deps.db
      .selectFrom("invitations")
      .selectAll()
      .where("id", "=", invitation.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const audit = await t.deps.db.selectFrom("audit_events").selectAll().execute();
    expect(JSON.stringify(audit)).not.toContain(token);
    expect(JSON.stringify(audit)).not.toContain(row.token_hash);
  });

  it("a new person who signs up through a link can sign in with their password afterwards", async () => {
    const { token, invitation } = await createInvitation(t, org);
    expectStatus(await signUpWith(t, token), 200);
    expectStatus(await login(t, invitation.email, DEFAULT_PASSWORD), 200);
  });
});

describe("cookies under https", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_URL: "https://gatehouse.example" } });
  });
  afterAll(() => t.close());

  it("uses the __Host- prefixed, Secure cookie, and the same-origin check follows PUBLIC_URL", async () => {
    const org = await t.setupOrg();
    const response = await login(t, org.admin.email, DEFAULT_PASSWORD);
    expectStatus(response, 200);
    const cookie = response.cookies.find((c) => c.name === "__Host-gatehouse_session");
    expect(cookie).toBeDefined();
    expect(cookie?.secure).toBe(true);
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
    expect(cookie?.path).toBe("/");
    expect(cookie?.domain).toBeUndefined();
    expect(response.cookies.find((c) => c.name === "gatehouse_session")).toBeUndefined();
    expect(response.headers["strict-transport-security"]).toBeDefined();

    const session = cookieFrom(response);
    expectStatus(await getMe(t, session), 200);
    // The plain-http name is not read under https: a cookie planted without the prefix does nothing.
    expectError(await getMe(t, `gatehouse_session=${session.split("=")[1]}`), "UNAUTHENTICATED");
    const rename = (origin: string) =>
      t.request({
        method: "PATCH",
        url: `/api/v1/orgs/${org.orgId}`,
        cookie: session,
        origin,
        body: { name: "Renamed" },
      });
    expectError(await rename("http://gatehouse.example"), "ORIGIN_MISMATCH");
    expectStatus(await rename("https://gatehouse.example"), 200);
  });

  it("invite links use the https PUBLIC_URL", async () => {
    const org = await t.setupOrg();
    const response = await t.request({
      method: "POST",
      url: `/api/v1/orgs/${org.orgId}/invitations`,
      cookie: org.admin.cookie,
      origin: "https://gatehouse.example",
      body: { email: uniqueEmail(), role: "member" },
    });
    expectStatus(response, 201);
    expect(response.json().inviteUrl).toMatch(
      /^https:\/\/gatehouse\.example\/invite#token=[A-Za-z0-9_-]{43}$/,
    );
  });
});
