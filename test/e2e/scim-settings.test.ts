import { expect, test } from "vitest";
import { describeInChromium, newPerson, screenshot, signInThroughConsole } from "./browser.js";

describeInChromium("Settings → SCIM in Chromium", (suite) => {
  test("an admin creates a token (shown once), the provider uses it, and the log shows the outcome", async () => {
    const org = await suite.server.setupOrg({ plan: "business" });
    const { page, context } = await newPerson(suite.browser, suite.server.baseUrl);
    await signInThroughConsole(page, org.admin.email);
    await page.goto(`/orgs/${org.orgId}/settings/scim`);
    await page.getByRole("heading", { name: "SCIM", exact: true }).waitFor();
    expect(await page.getByLabel("SCIM base URL").inputValue()).toBe(`${suite.server.baseUrl}/scim/v2`);
    await page.getByRole("button", { name: "New SCIM token" }).click();
    const secret = await page.getByLabel("SCIM token").inputValue();
    expect(secret).toMatch(/^scim_/);

    const headers = { authorization: `Bearer ${secret}`, "content-type": "application/scim+json" };
    await fetch(`${suite.server.baseUrl}/scim/v2/Users`, {
      method: "POST",
      headers,
      body: JSON.stringify({ userName: "grace@example.com", name: { givenName: "Grace" } }),
    });
    await fetch(`${suite.server.baseUrl}/scim/v2/Users`, {
      method: "POST",
      headers,
      body: JSON.stringify({ userName: "grace@example.com" }),
    });
    await page.reload();
    const log = page.getByRole("region", { name: "Provisioning log" });
    await log.getByText("Failed (409)").waitFor();
    await log.getByText("OK (201)").waitFor();
    expect(await log.getByText("uniqueness:").count()).toBe(1);
    await screenshot(page, "30-settings-scim");
    await context.close();
  });
});
