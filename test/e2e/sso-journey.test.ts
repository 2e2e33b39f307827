import { afterAll, beforeAll, expect, test } from "vitest";
import { createTeam, orgUrl } from "../harness/api.js";
import type { OrgFixture } from "../harness/app.js";
import { testResolver } from "../harness/dns.js";
import { startTestOp, type TestOp } from "../harness/oidc-provider.js";
import {
  CHROMIUM_PATH,
  describeInChromium,
  hasChromium,
  newPerson,
  screenshot,
  signInThroughConsole,
} from "./browser.js";

if (!hasChromium) {
  console.warn(`skipped: no Chromium at ${CHROMIUM_PATH}; install chromium or set CHROMIUM_PATH.`);
}

describeInChromium(
  "single sign-on in Chromium against a real provider on loopback",
  (suite) => {
    let op: TestOp;
    let org: OrgFixture;
    const domain = `ssojourney${Date.now().toString(36)}.com`;

    beforeAll(async () => {
      op = await startTestOp({ redirectUri: `${suite.server.baseUrl}/api/v1/sso/callback` });
      org = await suite.server.setupOrg({ plan: "business" });
      const eng = await createTeam(suite.server, org, "Engineering");
      const put = (url: string, body: unknown) =>
        suite.server.request({
          method: "PUT",
          url,
          cookie: org.admin.cookie,
          body,
          origin: suite.server.baseUrl,
        });
      const saved = await put(orgUrl(org.orgId, "/sso/oidc"), {
        issuer: op.issuer,
        clientId: op.clientId,
        clientSecret: op.clientSecret,
        scopes: ["openid", "email", "profile", "groups"],
        defaultRole: "viewer",
      });
      if (saved.statusCode !== 200) throw new Error(saved.body);
      const mapped = await put(orgUrl(org.orgId, "/group-mapping"), {
        rules: [{ group: "Engineering", role: "member", teamId: eng }],
      });
      if (mapped.statusCode !== 200) throw new Error(mapped.body);
      // A verified domain that requires SSO (the test resolver publishes its TXT record).
      const records = new Map<string, string[][]>();
      suite.server.deps.dns = testResolver(records);
      const claimed = await suite.server.request({
        method: "POST",
        url: orgUrl(org.orgId, "/domains"),
        cookie: org.admin.cookie,
        origin: suite.server.baseUrl,
        body: { domain, requireSso: true },
      });
      if (claimed.statusCode !== 201) throw new Error(claimed.body);
      const record = claimed.json().domain as {
        id: string;
        verificationRecord: { name: string; value: string };
      };
      records.set(record.verificationRecord.name, [[record.verificationRecord.value]]);
      const verified = await suite.server.request({
        method: "POST",
        url: orgUrl(org.orgId, `/domains/${record.id}/verify`),
        cookie: org.admin.cookie,
        origin: suite.server.baseUrl,
        body: {},
      });
      if (verified.statusCode !== 200) throw new Error(verified.body);
    });

    afterAll(async () => {
      await op?.close();
    });

    test("a new person signs in with SSO from the sign-in page and lands in the organization", async () => {
      op.accounts.set("grace", {
        sub: "grace",
        email: "grace@sso.example",
        emailVerified: true,
        name: "Grace Hopper",
        groups: ["Engineering"],
      });
      op.nextAccount = "grace";
      const { page, context } = await newPerson(suite.browser, suite.server.baseUrl);
      await page.goto("/login");
      await page.getByRole("link", { name: "Use it here" }).click();
      await page.getByText("Use your organization’s sign-in link instead").click();
      await page.getByLabel("Organization ID or SSO link").fill(`${suite.server.baseUrl}/sso/${org.orgId}`);
      await page.getByRole("button", { name: "Continue with the link" }).click();
      await page.waitForURL(new RegExp(`/orgs/${org.orgId}$`));
      const me = (await page.evaluate(async () => (await fetch("/api/v1/me")).json())) as {
        user: { email: string };
        memberships: { role: string }[];
      };
      expect(me.user.email).toBe("grace@sso.example");
      expect(me.memberships[0]?.role).toBe("member");
      await context.close();
    });

    test("a person signs in with SSO from their work email: the verified domain finds the organization", async () => {
      op.accounts.set("katherine", {
        sub: "katherine",
        email: `katherine@${domain}`,
        emailVerified: true,
        name: "Katherine Johnson",
        groups: ["Engineering"],
      });
      op.nextAccount = "katherine";
      const { page, context } = await newPerson(suite.browser, suite.server.baseUrl);
      await page.goto("/login");
      // An email without SSO: the page says so, and what to do.
      await page.getByLabel("Email").fill("someone@nowhere.example");
      await page.getByRole("button", { name: "Continue with SSO" }).click();
      await page.getByText("Single sign-on is not set up for this email address").waitFor();
      await screenshot(page, "sso-email-not-available");
      // The work email: straight to the identity provider, with the email as its login hint, and back.
      const authorize = page.waitForRequest((request) => request.url().startsWith(`${op.issuer}/auth`));
      await page.getByLabel("Email").fill(`Katherine@${domain}`);
      await page.getByRole("button", { name: "Continue with SSO" }).click();
      expect(new URL((await authorize).url()).searchParams.get("login_hint")).toBe(`katherine@${domain}`);
      await page.waitForURL(new RegExp(`/orgs/${org.orgId}$`));
      const me = (await page.evaluate(async () => (await fetch("/api/v1/me")).json())) as {
        user: { email: string };
      };
      expect(me.user.email).toBe(`katherine@${domain}`);
      await context.close();
    });

    test("the password step sends an email whose domain requires SSO to its identity provider", async () => {
      op.accounts.set("dorothy", {
        sub: "dorothy",
        email: `dorothy@${domain}`,
        emailVerified: true,
        name: "Dorothy Vaughan",
        groups: [],
      });
      op.nextAccount = "dorothy";
      const { page, context } = await newPerson(suite.browser, suite.server.baseUrl);
      await page.goto(`/sso?email=dorothy@${domain}`);
      await page.getByRole("heading", { name: "Sign in with SSO" }).waitFor();
      await screenshot(page, "sso-sign-in-page");
      await page.goto("/login");
      await page.getByLabel("Email").fill(`dorothy@${domain}`);
      await page.getByLabel("Password").fill("not needed here");
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await page.waitForURL(new RegExp(`/orgs/${org.orgId}$`));
      const me = (await page.evaluate(async () => (await fetch("/api/v1/me")).json())) as {
        user: { email: string };
      };
      expect(me.user.email).toBe(`dorothy@${domain}`);
      await context.close();
    });

    test("a refused sign-in shows what happened and what to do next", async () => {
      const { page, context } = await newPerson(suite.browser, suite.server.baseUrl);
      await page.goto("/api/v1/sso/callback?state=made-up&code=nothing");
      await page.getByRole("heading", { name: "Single sign-on did not complete" }).waitFor();
      await page.getByText("Start again from the sign-in page").waitFor();
      await context.close();
    });

    test("the admin's SSO settings: redirect URI, and a test login that shows the claims", async () => {
      op.accounts.set("tester", {
        sub: "tester",
        email: "tester@sso.example",
        emailVerified: true,
        name: "Test Person",
        groups: ["Engineering", "Designers"],
      });
      op.nextAccount = "tester";
      const { page, context } = await newPerson(suite.browser, suite.server.baseUrl);
      await signInThroughConsole(page, org.admin.email);
      await page.goto(`/orgs/${org.orgId}/settings/sso`);
      await expect.poll(() => page.getByLabel("Issuer").inputValue()).toBe(op.issuer);
      await expect
        .poll(() => page.getByLabel("Redirect URI").inputValue())
        .toBe(`${suite.server.baseUrl}/api/v1/sso/callback`);
      await page.getByRole("button", { name: "Test login" }).click();
      await page.getByRole("heading", { name: "Test login result" }).waitFor();
      await page.getByText("Groups received: Engineering, Designers").waitFor();
      await screenshot(page, "sso-settings");
      await context.close();
    });
  },
  { env: { SSO_ALLOW_HTTP_ISSUERS: "true" } },
);
