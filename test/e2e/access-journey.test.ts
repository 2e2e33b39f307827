import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import {
  MASS_UPDATE,
  type MixusWorld,
  openMemberAccess,
  openSettings,
  PERMISSION_SETS,
  setUpMixusWorld,
} from "./access-world.js";
import { describeInChromium, newPerson, screenshot, signInThroughConsole } from "./browser.js";

describeInChromium("the seed's access journey in Chromium", (suite) => {
  let world: MixusWorld;
  const settings = (page: Page, item: string) => openSettings(page, item);

  beforeAll(async () => {
    world = await setUpMixusWorld(suite.server, suite.browser);
  });

  afterAll(async () => {
    await world?.admin.context.close();
  });

  test("an admin imports the seed's permission sets and assigns marketing_team to the marketing department", async () => {
    const { page } = world.admin;
    await page.goto(`/orgs/${world.org.orgId}/settings/users`);
    await settings(page, "Permission sets");
    await page.getByRole("heading", { name: "Permission sets", level: 1 }).waitFor();
    await page.getByText("No permission sets yet").waitFor();
    await page.getByRole("button", { name: "Import JSON" }).click();
    const dialog = page.getByRole("dialog", { name: "Import permission sets" });
    await dialog.getByLabel("Permission sets (JSON)").fill("{ not json");
    await dialog.getByRole("button", { name: "Import" }).click();
    await dialog.getByText(/^This is not valid JSON/).waitFor();
    await dialog.getByLabel("Permission sets (JSON)").fill(JSON.stringify(PERMISSION_SETS, null, 2));
    await screenshot(page, "20-permission-sets-import", { fullPage: false });
    await dialog.getByRole("button", { name: "Import" }).click();
    await dialog.getByText("Created: marketing_team, finance_team").waitFor();
    await dialog.getByRole("button", { name: "Done" }).click();

    const row = page.getByRole("row").filter({ hasText: "marketing_team" });
    await row.getByText("gpt-4, claude-3").waitFor();
    await row.getByText("Nobody yet").waitFor();
    await row.getByRole("button", { name: "Assign marketing_team" }).click();
    const assign = page.getByRole("dialog", { name: "Assign marketing_team" });
    await assign.getByLabel("Departments").fill("marketing");
    await assign.getByLabel("Departments").press("Enter");
    await assign.getByRole("button", { name: "Remove marketing" }).waitFor();
    await screenshot(page, "21-permission-set-assign", { fullPage: false });
    await assign.getByRole("button", { name: "Save assignments" }).click();
    await assign.waitFor({ state: "hidden" });
    await row.getByText("department marketing").waitFor();
    const finance = page.getByRole("row").filter({ hasText: "finance_team" });
    await finance.getByText('"admin_approval" (needs admin approval)').waitFor();
    // The seed's finance_team names an integration and knowledge bases this org does not have.
    await finance
      .getByText(
        "Not in this organization yet: quickbooks (integration), finance (knowledge base), executive (knowledge base).",
      )
      .waitFor();
    expect(await finance.locator(".unmatched").allTextContents()).toEqual([
      "quickbooks",
      "finance",
      "executive",
    ]);
    expect(await row.locator(".unmatched").count()).toBe(0);
    await screenshot(page, "22-permission-sets");

    await finance.getByRole("button", { name: "Assign finance_team" }).click();
    const assignFinance = page.getByRole("dialog", { name: "Assign finance_team" });
    await assignFinance.getByLabel("Departments").fill("finance");
    await assignFinance.getByRole("button", { name: "Save assignments" }).click();
    await finance.getByText("department finance").waitFor();

    await finance.getByRole("button", { name: "Edit finance_team" }).click();
    const edit = page.getByRole("dialog", { name: "Edit finance_team" });
    expect(await edit.getByLabel("file_upload_limit").inputValue()).toBe("500MB");
    await screenshot(page, "23-permission-set-edit", { fullPage: false });
    await page.keyboard.press("Escape");
    await edit.waitFor({ state: "hidden" });
  });

  test("Project Alpha runs for 6 months with the bot and Mia; the bot is shared with Support, Sales and Leadership", async () => {
    const { page } = world.admin;
    await settings(page, "Projects");
    await page.getByRole("heading", { name: "Projects", level: 1 }).waitFor();
    await page.getByRole("button", { name: "New project" }).click();
    const dialog = page.getByRole("dialog", { name: "New project" });
    await dialog.getByLabel("Name", { exact: true }).fill("Project Alpha");
    expect(await dialog.getByLabel("Duration", { exact: true }).inputValue()).toBe("6 months");
    await dialog.getByLabel("People").selectOption({ label: "Mia Marketer (mia@mixus.example)" });
    await dialog.getByLabel("Agents").selectOption({ label: "Customer support bot (customer_support_bot)" });
    await dialog.getByLabel("Files").fill("alpha-spec");
    await dialog.getByRole("button", { name: "Remove Mia Marketer (mia@mixus.example)" }).waitFor();
    await screenshot(page, "24-project-dialog", { fullPage: false });
    await dialog.getByRole("button", { name: "Create project" }).click();
    await dialog.waitFor({ state: "hidden" });
    const row = page.getByRole("row").filter({ hasText: "Project Alpha" });
    await row.getByText("Active", { exact: true }).waitFor();
    // Made a moment ago for 6 months: the countdown rounds its days, so not "5 months 30 days".
    expect(await row.locator(".countdown").textContent()).toBe("6 months left");
    await row.getByText("alpha-spec").waitFor();
    await screenshot(page, "25-projects");

    await settings(page, "Agents");
    const bot = page.getByRole("row").filter({ hasText: "customer_support_bot" });
    await bot.getByRole("button", { name: "Sharing Customer support bot" }).click();
    const sharing = page.getByRole("dialog", { name: "Sharing: Customer support bot" });
    await sharing.getByLabel("Sharing with Support").selectOption("full");
    await sharing.getByLabel("Sharing with Sales").selectOption("run_only");
    await sharing.getByLabel("Sharing with Leadership").selectOption("view_only");
    await screenshot(page, "26-agent-sharing", { fullPage: false });
    await sharing.getByRole("button", { name: "Save sharing" }).click();
    await page.getByRole("status").filter({ hasText: "Sharing of Customer support bot saved." }).waitFor();
    await bot.locator(".share-lines").getByText("Support: full").waitFor();
    expect(await bot.locator(".share-lines li").allTextContents()).toEqual([
      "Leadership: view only",
      "Sales: run only",
      "Support: full",
    ]);
    await screenshot(page, "27-agents");
    const document = await world.api("GET", "/sharing");
    expect(document.shared_agents.customer_support_bot.permissions).toEqual({
      Leadership: "view_only",
      Sales: "run_only",
      Support: "full",
    });
  });

  test("the seed's mass update, as a dry run, lists the people it would change", async () => {
    const { page } = world.admin;
    await settings(page, "Mass update");
    await page.getByRole("heading", { name: "Mass update", level: 1 }).waitFor();
    await page.getByRole("radio", { name: "The seed's JSON" }).check();
    await page.getByLabel("Bulk permission update (JSON)").fill(JSON.stringify(MASS_UPDATE, null, 2));
    await page.getByRole("button", { name: "Preview" }).click();
    const result = page.getByRole("region", { name: "Preview (dry run)" });
    await result.getByText("1 person matched").waitFor();
    const person = result.getByRole("row").filter({ hasText: "Mia Marketer" });
    await person.getByText("added instagram, tiktok").waitFor();
    await person.getByText("100MB → 200MB").waitFor();
    await page.getByRole("button", { name: "Apply to 1 person" }).waitFor();
    await screenshot(page, "28-mass-update-preview");
    // A dry run writes nothing: Mia's limit is still the set's.
    const access = await world.api("GET", `/members/${world.mia.userId}/access`);
    expect(access.uploadLimitBytes).toBe(100 * 1024 * 1024);
  });

  test("Mia's access page shows gpt-4 through marketing_team, the bot and Project Alpha with time left", async () => {
    const { page } = world.admin;
    await openMemberAccess(page, "Mia Marketer");
    const sets = page.getByRole("region", { name: "Permission sets in effect" });
    await sets
      .getByRole("listitem")
      .filter({ hasText: "marketing_team" })
      .getByText("from department marketing")
      .waitFor();
    const models = page.getByRole("region", { name: /^Models/ });
    await models
      .getByRole("row")
      .filter({ hasText: "gpt-4" })
      .getByText("permission set marketing_team (department marketing)")
      .waitFor();
    expect(await models.getByRole("row").filter({ hasText: "claude-4" }).count()).toBe(0);
    const agents = page.getByRole("region", { name: /^Agents/ });
    const bot = agents.getByRole("row").filter({ hasText: "Customer support bot" });
    await bot.getByText(/^through Project Alpha until \d+ \w+ \d{4}$/).waitFor();
    await bot.getByText(/left$/).waitFor();
    expect(await bot.getByRole("cell").nth(1).textContent()).toBe("view, run");
    const projects = page.getByRole("region", { name: /^Projects/ });
    const alpha = projects.getByRole("row").filter({ hasText: "Project Alpha" });
    await alpha.getByText("Active", { exact: true }).waitFor();
    expect(await alpha.getByRole("cell").nth(2).textContent()).toMatch(
      /^(6 months|5 months (29|30|31) days) left$/,
    );
    const summary = page.getByRole("region", { name: "Role and limits" });
    await summary.getByText("100 MB").waitFor();
    await summary.getByText("Allowed by permission set marketing_team.").waitFor();
    const integrations = page.getByRole("region", { name: /^Integrations/ });
    await integrations.getByRole("row").filter({ hasText: "social media" }).waitFor();

    const check = page.getByRole("region", { name: "Check an action" });
    await check.getByLabel("Action").selectOption("models:use");
    await check.getByLabel("Model (key or id)").fill("claude-4");
    await check.getByRole("button", { name: "Check" }).click();
    await check.getByText("NOT_IN_PERMISSION_SET").waitFor();
    await check
      .getByText("The model claude-4 is not among this person's models (gpt-4, claude-3).")
      .waitFor();
    await check.getByLabel("Model (key or id)").fill("gpt-4");
    await check.getByRole("button", { name: "Check" }).click();
    await check.getByText("Allowed by permission set marketing_team.").waitFor();
    await check.getByText("Decided by: permission set marketing_team (department marketing)").waitFor();
    await screenshot(page, "29-member-access");
  });

  test("Mia opens My access from the home page and sees the same, without checking others", async () => {
    const member = await newPerson(suite.browser, suite.server.baseUrl);
    await signInThroughConsole(member.page, world.mia.email);
    await member.page.getByRole("link", { name: "My access" }).click();
    await member.page.getByRole("heading", { name: "My access", level: 1 }).waitFor();
    await member.page
      .getByRole("region", { name: /^Agents/ })
      .getByText(/through Project Alpha until/)
      .waitFor();
    const nav = member.page.getByRole("navigation", { name: "Settings" });
    expect(await nav.getByRole("link", { name: "Mass update" }).count()).toBe(0);
    await nav.getByRole("link", { name: "Permission sets" }).waitFor();
    await screenshot(member.page, "30-my-access-member");
    await nav.getByRole("link", { name: "Permission sets" }).click();
    await member.page.getByRole("row").filter({ hasText: "marketing_team" }).waitFor();
    expect(await member.page.getByRole("button", { name: "Import JSON" }).count()).toBe(0);
    await member.context.close();
  });

  test("an admin creates a personal API key and sees its secret once", async () => {
    const { page } = world.admin;
    await settings(page, "API keys");
    await page.getByRole("heading", { name: "API keys", level: 1 }).waitFor();
    await page.getByRole("button", { name: "New API key" }).click();
    const dialog = page.getByRole("dialog", { name: "New API key" });
    await dialog.getByLabel("Name").fill("Support backend");
    await dialog.getByLabel("Scopes (optional)").selectOption("agents:run");
    await screenshot(page, "31-api-key-create", { fullPage: false });
    await dialog.getByRole("button", { name: "Create key" }).click();
    const shown = page.getByRole("dialog", { name: "Your new API key" });
    await shown.getByText("this is the only time Gatehouse shows the key").waitFor();
    await shown.getByRole("button", { name: "Copy" }).click();
    await shown.getByText("Copied", { exact: true }).waitFor();
    const secret = await shown.getByLabel("API key").inputValue();
    expect(String(await page.evaluate("navigator.clipboard.readText()"))).toBe(secret);
    expect(secret).toMatch(/^gh_/);
    await screenshot(page, "32-api-key-secret", { fullPage: false });
    await shown.getByRole("button", { name: "Done" }).click();
    const row = page.getByRole("row").filter({ hasText: "Support backend" });
    await row.getByText("agents:run").waitFor();
    await row.getByText("Active", { exact: true }).waitFor();
    expect(await page.content()).not.toContain(secret);
    await screenshot(page, "33-api-keys");

    // The key works, within its scope.
    const check = await suite.server.request({
      method: "POST",
      url: `/api/v1/orgs/${world.org.orgId}/check`,
      headers: { authorization: `Bearer ${secret}` },
      body: { action: "agents:run", resource: { type: "agent", key: "customer_support_bot" } },
    });
    expect(check.statusCode).toBe(200);
    expect(check.json().allowed).toBe(true);
  });
});
