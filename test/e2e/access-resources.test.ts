import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import {
  assignSeedSets,
  type MixusWorld,
  openMemberAccess,
  openSettings,
  SHARED_INTEGRATIONS,
  setUpMixusWorld,
} from "./access-world.js";
import { describeInChromium, newPerson, screenshot, signInThroughConsole } from "./browser.js";

describeInChromium("the access resource pages in Chromium", (suite) => {
  let world: MixusWorld;
  const settings = (page: Page, item: string) => openSettings(page, item);

  beforeAll(async () => {
    world = await setUpMixusWorld(suite.server, suite.browser);
    // The permission sets are the journey's business; here they are a given.
    await assignSeedSets(world);
  });

  afterAll(async () => {
    await world?.admin.context.close();
  });

  test("sharing document, integrations, team spaces and the resource lists", async () => {
    const { page } = world.admin;
    await settings(page, "Sharing");
    const doc = page.getByLabel("Sharing document (JSON)");
    await doc.fill(
      JSON.stringify({
        shared_integrations: {
          salesforce: {
            access: ["sales", "finance"],
            data_scope: { sales: "read_all", finance: "full_access" },
          },
        },
      }),
    );
    await page.getByRole("button", { name: "Apply document" }).click();
    const failure = page.getByRole("alert").filter({ hasText: "The sharing document was not applied" });
    await failure.getByText("unknown team name(s): finance").waitFor();
    await failure.getByText(/unknown data scope\(s\): salesforce:read_all/).waitFor();
    await failure.getByText("Create what is missing first").waitFor();
    await screenshot(page, "34-sharing-errors");
    await doc.fill(JSON.stringify(SHARED_INTEGRATIONS, null, 2));
    await page.getByRole("button", { name: "Apply document" }).click();
    await page.getByRole("status").filter({ hasText: "Sharing document applied." }).waitFor();
    await page.getByText("Marketing (read_leads), Sales (full_access), Support (read_customers)").waitFor();
    await screenshot(page, "35-sharing");

    await settings(page, "Integrations");
    const salesforce = page.getByRole("row").filter({ hasText: "read_leads, read_customers" });
    await salesforce.locator(".share-lines").getByText("Marketing: read_leads").waitFor();
    expect(await salesforce.locator(".share-lines li").allTextContents()).toEqual([
      "Marketing: read_leads",
      "Sales: full_access",
      "Support: read_customers",
    ]);
    // Integrations shared with nobody are for everyone.
    await page
      .getByRole("row")
      .filter({ hasText: "instagram" })
      .getByText("Everyone", { exact: true })
      .waitFor();
    await salesforce.getByRole("button", { name: "Sharing Salesforce" }).click();
    const sharing = page.getByRole("dialog", { name: "Sharing: Salesforce" });
    expect(await sharing.getByLabel("Data scope of Marketing").inputValue()).toBe("read_leads");
    await sharing.getByLabel("Data scope of Leadership").selectOption("read_customers");
    await screenshot(page, "36-integration-sharing", { fullPage: false });
    await sharing.getByRole("button", { name: "Save sharing" }).click();
    await sharing.waitFor({ state: "hidden" });
    await salesforce.locator(".share-lines").getByText("Leadership: read_customers").waitFor();
    await screenshot(page, "37-integrations");

    await settings(page, "Team spaces");
    await page.getByRole("button", { name: "New team space" }).click();
    const create = page.getByRole("dialog", { name: "New team space" });
    await create.getByLabel("Name").fill("Marketing Team Space");
    await create.getByLabel("Key").fill("marketing_space");
    await create.getByRole("button", { name: "Create space" }).click();
    await page.getByRole("heading", { name: "Marketing Team Space", level: 1 }).waitFor();
    await page.getByLabel("Access of Marketing").selectOption("full");
    await page.getByLabel("Access of Leadership").selectOption("view");
    await page.getByRole("button", { name: "Save access" }).click();
    await page.getByRole("status").filter({ hasText: "Access to Marketing Team Space saved." }).waitFor();
    await page.getByLabel("Type").selectOption("knowledge_base");
    await page
      .getByLabel("Knowledge base", { exact: true })
      .selectOption({ label: "Marketing playbooks (marketing)" });
    await page.getByRole("button", { name: "Add to space" }).click();
    await page.getByRole("cell", { name: "Marketing playbooks", exact: true }).waitFor();
    await page.getByLabel("Type").selectOption("file");
    await page.getByLabel("File id").fill("brand-guidelines.pdf");
    await page.getByRole("button", { name: "Add to space" }).click();
    await page.getByRole("cell", { name: "brand-guidelines.pdf", exact: true }).waitFor();
    // The seed's "Related teams: Specific resource access": Sales may use the brand guidelines only.
    await page.getByLabel("Access of Sales").selectOption("specific");
    const salesResources = page.getByRole("group", { name: "Resources Sales reaches" });
    await salesResources.getByRole("checkbox", { name: /brand-guidelines\.pdf/ }).check();
    expect(await salesResources.getByLabel("They may").inputValue()).toBe("full");
    await page.getByRole("button", { name: "Save access" }).click();
    await page.getByRole("status").filter({ hasText: "Access to Marketing Team Space saved." }).waitFor();
    await screenshot(page, "38-team-space");
    await page.reload();
    await page
      .getByRole("group", { name: "Resources Sales reaches" })
      .getByRole("checkbox", { name: /brand-guidelines\.pdf/ })
      .waitFor();
    expect(
      await page
        .getByRole("group", { name: "Resources Sales reaches" })
        .getByRole("checkbox", { name: /Marketing playbooks/ })
        .isChecked(),
    ).toBe(false);
    await page.getByRole("link", { name: "← All team spaces" }).click();
    const spaceRow = page.getByRole("row").filter({ hasText: "Marketing Team Space" });
    await spaceRow.getByText("Leadership").waitFor();
    await spaceRow.getByText("Full access to 1 listed resource").waitFor();
    await screenshot(page, "39-team-spaces");

    // Mia is in Marketing: her access page lists the space and the file it holds, and why.
    await openMemberAccess(page, "Mia Marketer");
    await page
      .getByRole("region", { name: "Team spaces" })
      .getByRole("row")
      .filter({ hasText: "Marketing Team Space" })
      .getByText("Full access", { exact: true })
      .waitFor();
    const file = page
      .getByRole("region", { name: "Files and chats" })
      .getByRole("row")
      .filter({ hasText: "brand-guidelines.pdf" });
    await file.getByText("view, analyze").waitFor();
    await file.getByText("through Marketing Team Space (full access)").waitFor();
    await screenshot(page, "46-member-files");

    for (const [item, name] of [
      ["Models", "40-models"],
      ["Knowledge bases", "41-knowledge-bases"],
      ["Context files", "42-context-files"],
    ] as const) {
      await settings(page, item);
      await page.getByRole("heading", { name: item, level: 1 }).waitFor();
      await page.getByRole("table").waitFor();
      await screenshot(page, name);
    }
  });

  test("Finn's agent needs approval: he requests it from the refusal, an admin approves it", async () => {
    const member = await newPerson(suite.browser, suite.server.baseUrl);
    await signInThroughConsole(member.page, world.finn.email);
    await member.page.goto(`/orgs/${world.org.orgId}/settings/agents`);
    await member.page.getByRole("button", { name: "New agent" }).click();
    const dialog = member.page.getByRole("dialog", { name: "New agent" });
    await dialog.getByLabel("Name").fill("Invoice checker");
    await dialog.getByLabel("Key").fill("invoice_checker");
    await dialog.getByRole("button", { name: "Create agent" }).click();
    await dialog
      .getByText(
        "Permission set finance_team needs an admin's approval to create agents: file an agent-creation request.",
      )
      .waitFor();
    await screenshot(member.page, "43-agent-needs-approval", { fullPage: false });
    await dialog.getByRole("button", { name: "Request approval" }).click();
    const request = member.page.getByRole("dialog", { name: "Request approval" });
    expect(await request.getByLabel("Agent key").inputValue()).toBe("invoice_checker");
    await request.getByLabel(/What it is for/).fill("Checks supplier invoices against POs.");
    await request.getByRole("button", { name: "Send request" }).click();
    await member.page.getByRole("status").filter({ hasText: "Request for Invoice checker sent" }).waitFor();
    await member.context.close();

    const { page } = world.admin;
    await settings(page, "Agent requests");
    const row = page.getByRole("row").filter({ hasText: "Invoice checker" });
    await row.getByText("Pending", { exact: true }).waitFor();
    await screenshot(page, "44-agent-requests");
    await row.getByRole("button", { name: "Approve Invoice checker" }).click();
    const approve = page.getByRole("dialog", { name: "Approve Invoice checker?" });
    await approve.getByLabel(/Note to the requester/).fill("Go ahead.");
    await approve.getByRole("button", { name: "Approve" }).click();
    await row.getByText("Approved", { exact: true }).waitFor();
    await row.getByText("“Go ahead.”").waitFor();
    const agents = await world.api("GET", "/agents");
    expect(agents.items.map((a: { key: string }) => a.key)).toContain("invoice_checker");
  });

  test("the mass update, applied after its preview, changes Mia's limit", async () => {
    const { page } = world.admin;
    await settings(page, "Mass update");
    await page.getByLabel("Department").fill("marketing");
    await page.getByLabel("Role").selectOption("member");
    await page.getByLabel("file_upload_limit").fill("200MB");
    await page.getByRole("button", { name: "Preview" }).click();
    await page.getByRole("region", { name: "Preview (dry run)" }).getByText("100MB → 200MB").waitFor();
    await page.getByRole("button", { name: "Apply to 1 person" }).click();
    const confirm = page.getByRole("dialog", { name: "Apply to 1 person?" });
    await confirm.getByRole("button", { name: "Apply" }).click();
    await page.getByRole("region", { name: "Applied" }).getByText("1 personal set written").waitFor();
    await screenshot(page, "45-mass-update-applied");
    const access = await world.api("GET", `/members/${world.mia.userId}/access`);
    expect(access.uploadLimitBytes).toBe(200 * 1024 * 1024);
  });
});
