import { expect, test } from "vitest";
import { issueSetupToken } from "../../src/services/setup/issue-setup-token.js";
import { DEFAULT_PASSWORD, tokenFromUrl, uniqueEmail } from "../harness/app.js";
import { apiAs, describeInChromium, newPerson, screenshot, signInThroughConsole } from "./browser.js";

describeInChromium("first run, sign-in redirects and invitation link states in Chromium", (suite) => {
  // First in this file: setup is only offered while the instance has no organization.
  test("first-run setup explains the missing link, creates the org from the printed link, then says it is done", async () => {
    const { page, context } = await newPerson(suite.browser, suite.server.baseUrl);
    await page.goto("/setup");
    await page.getByText("Open the one-time setup link Gatehouse printed when it started, or run").waitFor();

    const token = await issueSetupToken(suite.server.deps);
    expect(token).not.toBeNull();
    await page.goto(`/setup#token=${token}`);
    await page.getByLabel("Organization name").fill("Northwind");
    await page.getByLabel("Plan").selectOption({ label: "Business" });
    await page.getByLabel("Your name").fill("Nora North");
    await page.getByLabel("Email").fill("nora@northwind.example");
    await page.getByLabel("Password").fill(DEFAULT_PASSWORD);
    expect(new URL(page.url()).hash).toBe("");
    await screenshot(page, "14-setup-page");
    await page.getByRole("button", { name: "Create organization" }).click();
    await page.getByRole("heading", { name: "Welcome to Northwind" }).waitFor();
    expect(await page.getByRole("region", { name: "Your access" }).locator(".role-name").textContent()).toBe(
      "Admin",
    );

    await page.goto("/setup");
    await page.getByText("Gatehouse is already set up").waitFor();
    await context.close();
  });

  test("a signed-out visit to a console page goes through sign-in and comes back", async () => {
    const org = await suite.server.setupOrg({
      plan: "team",
      name: "Redirect Co",
      adminEmail: uniqueEmail("back"),
    });
    const { page, context } = await newPerson(suite.browser, suite.server.baseUrl);
    await page.goto(`/orgs/${org.orgId}/settings/users`);
    await page.waitForURL(/\/login\?next=/);
    await page.getByLabel("Email").fill(org.admin.email);
    await page.getByLabel("Password").fill(DEFAULT_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${suite.server.baseUrl}/orgs/${org.orgId}/settings/users`);
    await page.getByRole("heading", { name: "Users", level: 1 }).waitFor();

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/login$/);
    await page.goto("/");
    await page.waitForURL(/\/login$/);
    await context.close();
  });

  test("an existing account signs in to accept; used, unknown and someone else's links each get a clear page", async () => {
    const first = await suite.server.setupOrg({
      plan: "business",
      name: "First Org",
      adminEmail: uniqueEmail("first"),
    });
    const second = await suite.server.setupOrg({
      plan: "team",
      name: "Second Org",
      adminEmail: uniqueEmail("second"),
    });
    // The admin of the first org is invited to the second one: they already have an account.
    const { inviteUrl } = await apiAs(
      suite.server,
      second.admin.cookie,
      "POST",
      `/api/v1/orgs/${second.orgId}/invitations`,
      {
        email: first.admin.email,
        role: "member",
        message: "Join us for the Q3 launch.",
      },
    );

    const stranger = await newPerson(suite.browser, suite.server.baseUrl);
    await signInThroughConsole(stranger.page, second.admin.email);
    await stranger.page.goto(inviteUrl);
    await stranger.page.getByText(`This invitation is for ${first.admin.email}`).waitFor();
    await screenshot(stranger.page, "15-invite-other-account");
    await stranger.page.getByRole("button", { name: "Sign out" }).click();
    await stranger.page
      .getByRole("heading", { name: "You already have an account: sign in to accept" })
      .waitFor();
    await screenshot(stranger.page, "16-invite-existing-account");
    await stranger.page.getByLabel("Password").fill(DEFAULT_PASSWORD);
    await stranger.page.getByRole("button", { name: "Sign in and accept" }).click();
    await stranger.page.waitForURL(`${suite.server.baseUrl}/orgs/${second.orgId}`);
    await stranger.page.getByRole("heading", { name: "Welcome to Second Org" }).waitFor();
    // Now in two organizations: the header offers a switcher.
    const switcher = stranger.page.getByLabel("Organization");
    expect(await switcher.inputValue()).toBe(second.orgId);
    await switcher.selectOption({ label: "First Org" });
    await stranger.page.waitForURL(`${suite.server.baseUrl}/orgs/${first.orgId}`);
    await stranger.context.close();

    const late = await newPerson(suite.browser, suite.server.baseUrl);
    await late.page.goto(inviteUrl);
    await late.page.getByText("This invitation has already been used. Sign in to continue.").waitFor();
    await late.page.goto(`/invite#token=${tokenFromUrl(inviteUrl).slice(0, -4)}abcd`);
    await late.page.getByRole("heading", { name: "Invitation not valid" }).waitFor();
    await late.page.goto("/invite");
    await late.page.getByText("This invitation link is not valid").waitFor();
    await late.context.close();
  });
});
