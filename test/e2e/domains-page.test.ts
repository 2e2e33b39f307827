import { beforeAll, expect, test } from "vitest";
import { testResolver } from "../harness/dns.js";
import { describeInChromium, newPerson, screenshot, signInThroughConsole } from "./browser.js";

describeInChromium("Settings → Domains in Chromium", (suite) => {
  const records = new Map<string, string[][]>();

  beforeAll(async () => {
    suite.server.deps.dns = testResolver(records);
  });

  test("an admin adds a domain, sees the TXT record to publish, verifies it and turns on auto join", async () => {
    const org = await suite.server.setupOrg({ plan: "business" });
    const { context, page } = await newPerson(suite.browser, suite.server.baseUrl);
    await signInThroughConsole(page, org.admin.email);
    await page.goto(`/orgs/${org.orgId}/settings/users`);
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Domains" }).click();
    await page.getByRole("heading", { name: "Domains", level: 1 }).waitFor();

    const domain = `acme${Date.now().toString(36)}.com`;
    await page.getByLabel("Domain", { exact: true }).fill("gmail.com");
    await page.getByRole("button", { name: "Add domain" }).click();
    await page.getByText("Consumer mail domains").waitFor();

    await page.getByLabel("Domain", { exact: true }).fill(`  ${domain.toUpperCase()} `);
    await page.getByRole("button", { name: "Add domain" }).click();
    const card = page.getByRole("region", { name: new RegExp(domain) });
    await card.getByText("Not verified").waitFor();
    await card.getByText(`_gatehouse.${domain}`).waitFor();
    const value = await card.getByLabel("TXT record value").inputValue();
    expect(value).toMatch(/^gatehouse-verification=[0-9a-f]{32}$/);
    await screenshot(page, "domains-01-claimed");

    await card.getByRole("button", { name: "Verify" }).click();
    await card.getByText(`No TXT record was found at _gatehouse.${domain}`).waitFor();

    records.set(`_gatehouse.${domain}`, [[value]]);
    await card.getByRole("button", { name: "Verify" }).click();
    await card.getByText("Verified", { exact: true }).waitFor();
    await card.getByLabel(`People with a verified email at ${domain}`).selectOption("auto");
    await expect
      .poll(async () => {
        const row = await suite.server.deps.db
          .selectFrom("org_domains")
          .select("mode")
          .where("domain", "=", domain)
          .executeTakeFirst();
        return row?.mode;
      })
      .toBe("auto");

    await card.getByLabel(/Require SSO/).click();
    await page.getByRole("alert").filter({ hasText: "no SSO connection yet" }).waitFor();
    await screenshot(page, "domains-02-verified");

    // Someone at the domain is told to use SSO on the sign-in page.
    const other = await newPerson(suite.browser, suite.server.baseUrl);
    await other.page.goto("/login");
    await other.page.getByLabel("Email").fill(`sam@${domain}`);
    await other.page.getByLabel("Password").fill("whatever it is");
    await other.page.getByRole("button", { name: "Sign in" }).click();
    await other.page
      .getByText("Your organization signs in with single sign-on: use 'Sign in with SSO'.")
      .waitFor();
    await screenshot(other.page, "domains-03-sso-required");
    await other.context.close();

    await card.getByRole("button", { name: `Remove ${domain}` }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Remove domain" }).click();
    await page.getByText("No domains yet.").waitFor();
    await context.close();
  });
});
