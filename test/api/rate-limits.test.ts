import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueSetupToken } from "../../src/services/setup/issue-setup-token.js";
import { createInvitation, expectError, expectStatus, getMe } from "../harness/api.js";
import { createTestApp, DEFAULT_PASSWORD, type OrgFixture, type TestApp } from "../harness/app.js";

const BUDGET = 3;

/**
 * Login, setup, accept and preview are open to anyone, so each is rate-limited per client address:
 * auth routes on RATE_LIMIT_AUTH_PER_MINUTE, preview on RATE_LIMIT_PUBLIC_PER_MINUTE.
 */
describe("rate limits on unauthenticated routes", () => {
  let t: TestApp;
  let org: OrgFixture;
  let ip = 0;
  /** Each test speaks from its own address, so budgets do not leak between tests. */
  const nextAddress = () => `203.0.113.${++ip}`;
  const from = (
    remoteAddress: string,
    options: { method: "GET" | "POST"; url: string; body?: unknown; headers?: Record<string, string> },
  ) =>
    t.app.inject({
      method: options.method,
      url: options.url,
      remoteAddress,
      ...(options.headers && { headers: options.headers }),
      ...(options.body !== undefined && { payload: options.body as InjectOptions["payload"] }),
    });

  beforeAll(async () => {
    t = await createTestApp({
      env: { RATE_LIMIT_AUTH_PER_MINUTE: String(BUDGET), RATE_LIMIT_PUBLIC_PER_MINUTE: String(BUDGET) },
    });
    org = await t.setupOrg({ plan: "business" });
  });
  afterAll(() => t.close());

  const exhaust = async (address: string, request: Parameters<typeof from>[1]) => {
    for (let i = 0; i < BUDGET; i++) expect((await from(address, request)).statusCode).not.toBe(429);
    const limited = await from(address, request);
    expectError(limited, "RATE_LIMITED");
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    return limited;
  };

  it("a password-guessing client is stopped after the login budget, even with the right password", async () => {
    const address = nextAddress();
    await exhaust(address, {
      method: "POST",
      url: "/api/v1/auth/login",
      body: { email: org.admin.email, password: "guess" },
    });
    const right = await from(address, {
      method: "POST",
      url: "/api/v1/auth/login",
      body: { email: org.admin.email, password: DEFAULT_PASSWORD },
    });
    expectError(right, "RATE_LIMITED");
    expect(right.cookies).toHaveLength(0);
    // Someone else, and the signed-in admin, are not affected.
    expectStatus(
      await from(nextAddress(), {
        method: "POST",
        url: "/api/v1/auth/login",
        body: { email: org.admin.email, password: DEFAULT_PASSWORD },
      }),
      200,
    );
    expectStatus(await getMe(t, org.admin.cookie), 200);
  });

  it("rotating X-Forwarded-For does not reset the budget (proxy headers are not trusted by default)", async () => {
    const address = nextAddress();
    const attempt = (n: number) =>
      from(address, {
        method: "POST",
        url: "/api/v1/auth/login",
        headers: { "x-forwarded-for": `198.51.100.${n}` },
        body: { email: org.admin.email, password: "guess" },
      });
    for (let i = 0; i < BUDGET; i++) expectError(await attempt(i), "INVALID_CREDENTIALS");
    expectError(await attempt(99), "RATE_LIMITED");
  });

  it("a token-guessing client is stopped on accept", async () => {
    const address = nextAddress();
    await exhaust(address, {
      method: "POST",
      url: "/api/v1/invitations/accept",
      body: { token: "A".repeat(43), name: "X", password: DEFAULT_PASSWORD },
    });
    const { token } = await createInvitation(t, org);
    const real = await from(address, {
      method: "POST",
      url: "/api/v1/invitations/accept",
      body: { token, name: "X", password: DEFAULT_PASSWORD },
    });
    expectError(real, "RATE_LIMITED");
  });

  it("a token-guessing client is stopped on preview (public budget)", async () => {
    const address = nextAddress();
    await exhaust(address, {
      method: "POST",
      url: "/api/v1/invitations/preview",
      body: { token: "A".repeat(43) },
    });
    const { token } = await createInvitation(t, org);
    expectError(
      await from(address, { method: "POST", url: "/api/v1/invitations/preview", body: { token } }),
      "RATE_LIMITED",
    );
    expectStatus(
      await from(nextAddress(), { method: "POST", url: "/api/v1/invitations/preview", body: { token } }),
      200,
    );
  });

  it("a setup-token-guessing client is stopped on setup", async () => {
    const fresh = await createTestApp({ env: { RATE_LIMIT_AUTH_PER_MINUTE: String(BUDGET) } });
    try {
      const token = await issueSetupToken(fresh.deps);
      const attempt = (setupToken: string) =>
        fresh.app.inject({
          method: "POST",
          url: "/api/v1/setup",
          payload: {
            token: setupToken,
            orgName: "X",
            plan: "team",
            adminEmail: "x@example.com",
            adminName: "X",
            adminPassword: DEFAULT_PASSWORD,
          },
        });
      for (let i = 0; i < BUDGET; i++) expectError(await attempt("A".repeat(43)), "SETUP_TOKEN_INVALID");
      expectError(await attempt(token ?? ""), "RATE_LIMITED");
    } finally {
      await fresh.close();
    }
  });

  it("budgets are per route: exhausting preview leaves login open", async () => {
    const address = nextAddress();
    await exhaust(address, {
      method: "POST",
      url: "/api/v1/invitations/preview",
      body: { token: "B".repeat(43) },
    });
    expectStatus(
      await from(address, {
        method: "POST",
        url: "/api/v1/auth/login",
        body: { email: org.admin.email, password: DEFAULT_PASSWORD },
      }),
      200,
    );
  });
});
