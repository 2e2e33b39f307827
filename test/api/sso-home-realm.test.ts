import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DnsResolver } from "../../src/services/context.js";
import { expectError, expectStatus, orgUrl } from "../harness/api.js";
import { createTestApp, type OrgFixture, PUBLIC_URL, type TestApp } from "../harness/app.js";
import { claimDomain, freshDomain, testResolver } from "../harness/dns.js";
import { startTestOp, type TestOp } from "../harness/oidc-provider.js";

const REDIRECT_URI = `${PUBLIC_URL}/api/v1/sso/callback`;

/** "Sign in with SSO" from an email: POST /api/v1/auth/sso/discover. */
describe("SSO home-realm discovery", () => {
  let t: TestApp;
  let op: TestOp;
  const dns = new Map<string, string[][]>();
  const resolver: DnsResolver = testResolver(dns);
  let acme: OrgFixture;
  let acmeDomain: string;
  let subsDomain: string;
  let noSso: OrgFixture;
  let noSsoDomain: string;
  let pendingDomain: string;

  const discover = (body: unknown, headers?: Record<string, string>) =>
    t.request({ method: "POST", url: "/api/v1/auth/sso/discover", body, ...(headers && { headers }) });
  const claim = async (
    org: OrgFixture,
    domain: string,
    extra: Record<string, unknown> = {},
    verify = true,
  ) => {
    await claimDomain(t, org, dns, { domain, ...extra }, { verify });
  };
  const connect = async (org: OrgFixture, enabled = true) =>
    expectStatus(
      await t.request({
        method: "PUT",
        url: orgUrl(org.orgId, "/sso/oidc"),
        cookie: org.admin.cookie,
        body: {
          issuer: op.issuer,
          clientId: op.clientId,
          clientSecret: op.clientSecret,
          scopes: ["openid", "email", "profile"],
          enabled,
        },
      }),
      200,
    );

  beforeAll(async () => {
    t = await createTestApp({ env: { SSO_ALLOW_HTTP_ISSUERS: "true" } });
    t.deps.dns = resolver;
    t.clock.set(new Date());
    op = await startTestOp({ redirectUri: REDIRECT_URI });
    acme = await t.setupOrg({ plan: "business", name: "Acme" });
    acmeDomain = freshDomain("acme");
    subsDomain = freshDomain("subs");
    await claim(acme, acmeDomain);
    await claim(acme, subsDomain, { includeSubdomains: true });
    await connect(acme);
    noSso = await t.setupOrg({ plan: "business", name: "No SSO" });
    noSsoDomain = freshDomain("nosso");
    await claim(noSso, noSsoDomain);
    // Claimed by Acme but never verified.
    pendingDomain = freshDomain("pending");
    await claim(acme, pendingDomain, {}, false);
  });
  afterAll(async () => {
    await op?.close();
    await t?.close();
  });

  it("finds the org of a verified domain with SSO and starts its login with the email as login_hint", async () => {
    const response = await discover({
      email: `  Ada.Lovelace@${acmeDomain.toUpperCase()} `,
      returnTo: "/orgs/x",
    });
    expectStatus(response, 200);
    const { orgId, redirectTo } = response.json() as { orgId: string; redirectTo: string };
    expect(orgId).toBe(acme.orgId);
    const url = new URL(redirectTo, PUBLIC_URL);
    expect(url.pathname).toBe(`/api/v1/sso/${acme.orgId}/start`);
    expect(url.searchParams.get("loginHint")).toBe(`ada.lovelace@${acmeDomain}`);
    expect(url.searchParams.get("returnTo")).toBe("/orgs/x");

    // The start route passes the hint to the provider.
    const start = await t.request({ method: "GET", url: `${url.pathname}${url.search}` });
    expectStatus(start, 302);
    const authorize = new URL(String(start.headers.location));
    expect(authorize.origin).toBe(new URL(op.issuer).origin);
    expect(authorize.searchParams.get("login_hint")).toBe(`ada.lovelace@${acmeDomain}`);
  });

  it("signs the person in end to end from the email", async () => {
    const email = `grace@${acmeDomain}`;
    op.accounts.set("grace", { sub: "grace", email, emailVerified: true, name: "Grace", groups: [] });
    op.nextAccount = "grace";
    const found = await discover({ email });
    expectStatus(found, 200);
    const start = await t.request({ method: "GET", url: found.json().redirectTo });
    const callback = await op.authorize(String(start.headers.location));
    const done = await t.request({ method: "GET", url: `${callback.pathname}${callback.search}` });
    expectStatus(done, 302);
    expect(done.headers.location).toBe("/");
    const cookie = done.cookies.find((c) => c.name.includes("gatehouse_session"));
    expect(cookie).toBeDefined();
    const me = await t.request({
      method: "GET",
      url: "/api/v1/me",
      cookie: `${cookie?.name}=${cookie?.value}`,
    });
    expectStatus(me, 200);
    expect(me.json().user.email).toBe(email);
    expect(me.json().memberships.map((m: { orgId: string }) => m.orgId)).toContain(acme.orgId);
  });

  it("matches subdomains only when the domain allows them, always on a label boundary", async () => {
    expect((await discover({ email: `a@eng.${subsDomain}` })).json().orgId).toBe(acme.orgId);
    expect((await discover({ email: `a@deep.eng.${subsDomain}` })).json().orgId).toBe(acme.orgId);
    expectError(await discover({ email: `a@eng.${acmeDomain}` }), "SSO_NOT_AVAILABLE");
    expectError(await discover({ email: `a@attacker-${acmeDomain}` }), "SSO_NOT_AVAILABLE");
    expectError(await discover({ email: `a@x${subsDomain}` }), "SSO_NOT_AVAILABLE");
    expectError(await discover({ email: `a@${acmeDomain}.evil.io` }), "SSO_NOT_AVAILABLE");
  });

  it("answers the same for every email without SSO, whatever the reason", async () => {
    const answers = [
      await discover({ email: `a@${noSsoDomain}` }), // verified, no SSO connection
      await discover({ email: `a@${pendingDomain}` }), // claimed, not verified
      await discover({ email: `a@${freshDomain("nobody")}` }), // unknown domain
      await discover({ email: "a@gmail.com" }), // consumer mail
      await discover({ email: "not an email" }),
    ];
    const bodies = answers.map((response) => {
      expectError(response, "SSO_NOT_AVAILABLE");
      expect(response.statusCode).toBe(404);
      return response.body;
    });
    expect(new Set(bodies).size).toBe(1);
    expect(answers[0]?.json().error.message).toContain("Sign in with your password, or ask your admin");

    // A disabled connection is no SSO either.
    await connect(noSso, false);
    expect((await discover({ email: `a@${noSsoDomain}` })).body).toBe(bodies[0]);
    await connect(noSso, true);
    expect((await discover({ email: `a@${noSsoDomain}` })).json().orgId).toBe(noSso.orgId);
  });

  it("refuses unknown fields and drops an off-site returnTo", async () => {
    expectError(await discover({ email: `a@${acmeDomain}`, orgId: acme.orgId }), "VALIDATION_FAILED");
    const offsite = await discover({ email: `a@${acmeDomain}`, returnTo: "//evil.example/" });
    expectStatus(offsite, 200);
    expect(new URL(offsite.json().redirectTo, PUBLIC_URL).searchParams.get("returnTo")).toBeNull();
  });

  it("is rate-limited like sign-in", async () => {
    const limited = await createTestApp({ env: { RATE_LIMIT_AUTH_PER_MINUTE: "3" } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const response = await limited.request({
          method: "POST",
          url: "/api/v1/auth/sso/discover",
          body: { email: "a@nowhere.example" },
        });
        statuses.push(response.statusCode);
      }
      expect(statuses).toEqual([404, 404, 404, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});
