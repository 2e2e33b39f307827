import { expect, test } from "vitest";
import { apiAs, describeInChromium, newPerson, screenshot, signInThroughConsole } from "./browser.js";

describeInChromium("Settings → Audit and Settings → Email in Chromium", (suite) => {
  test("an admin reads their own invitation in the audit trail, verifies the chain, and edits the invitation email", async () => {
    const org = await suite.server.setupOrg({ plan: "business", name: "Audit Co" });
    const invitation = await apiAs(
      suite.server,
      org.admin.cookie,
      "POST",
      `/api/v1/orgs/${org.orgId}/invitations`,
      {
        email: "audited@audit.example",
        role: "member",
      },
    );
    // 50 edits after it: the newest 50 entries fill the first page, the invitation is on the second.
    for (let i = 0; i < 50; i++) {
      const edited = await suite.server.request({
        method: "PATCH",
        url: `/api/v1/orgs/${org.orgId}/invitations/${invitation.invitation.id}`,
        cookie: org.admin.cookie,
        origin: suite.server.baseUrl,
        body: { department: `Department ${i}` },
      });
      expect(edited.statusCode).toBe(200);
    }
    const { page, context } = await newPerson(suite.browser, suite.server.baseUrl);
    await signInThroughConsole(page, org.admin.email);

    await page.goto(`/orgs/${org.orgId}/settings/audit`);
    await page.getByRole("heading", { name: "Audit", level: 1 }).waitFor();
    const entries = page.getByRole("region", { name: "Entries" });
    const row = entries.getByRole("row").filter({ hasText: "invitation.created" });
    const rows = entries.locator("tbody tr");
    await entries.getByText("department: Department 48 → Department 49").waitFor();
    expect(await rows.count()).toBe(50);
    expect(await row.count()).toBe(0);
    await page.getByRole("button", { name: "Load more" }).click();
    await row.waitFor();
    expect(await rows.count()).toBe(53);
    expect(await page.getByRole("button", { name: "Load more" }).count()).toBe(0);
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain(org.admin.email);
    expect(await row.textContent()).toContain(invitation.invitation.id);

    // A filter that matches nothing empties the table; clearing brings the entry back.
    await page.getByLabel("Action").fill("member.removed");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await entries.getByText("No audit entries match these filters.").waitFor();
    expect(await page.getByRole("link", { name: "Export CSV" }).getAttribute("href")).toBe(
      `/api/v1/orgs/${org.orgId}/audit-events/export?action=member.removed&format=csv`,
    );
    // Clearing starts again from the newest page.
    await page.getByRole("button", { name: "Clear" }).click();
    await page.getByRole("button", { name: "Load more" }).waitFor();
    expect(await rows.count()).toBe(50);

    await page.getByRole("button", { name: "Verify chain" }).click();
    const ok = page.getByRole("status").filter({ hasText: "Chain OK" });
    await ok.waitFor();
    const { entries: count } = await apiAs(
      suite.server,
      org.admin.cookie,
      "GET",
      `/api/v1/orgs/${org.orgId}/audit-events/verify`,
    );
    expect(count).toBeGreaterThan(0);
    expect(await ok.textContent()).toContain(`${count} ${count === 1 ? "entry" : "entries"} verified`);
    await screenshot(page, "40-settings-audit");

    await page.getByRole("link", { name: "Email", exact: true }).click();
    await page.getByRole("heading", { name: "Email", level: 1 }).waitFor();
    await page.getByText("Not configured: links are copied and shared by hand; set SMTP_URL").waitFor();
    const subject = page.getByLabel("Subject");
    expect(await subject.inputValue()).toBe("[Inviter] invited you to join [Organization]");
    expect(await page.getByRole("button", { name: "Reset to default" }).isDisabled()).toBe(true);

    // An unknown placeholder is refused with the server's message, and nothing is saved.
    await subject.fill("Join [Organization] [Model List]");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Unknown placeholder [Model List] in the subject").waitFor();

    await subject.fill("[Name], [Organization] is waiting for you");
    await page.getByRole("button", { name: "Preview" }).click();
    const preview = page.getByRole("region", { name: "Preview with sample values" });
    await preview.getByText("Alice Johnson, Audit Co is waiting for you").waitFor();
    const html = page.frameLocator('iframe[title="HTML preview"]');
    await html.getByRole("heading", { name: /Welcome to Audit Co!/ }).waitFor();
    await html.getByRole("link", { name: "Accept your invitation" }).waitFor();
    expect(await page.locator('iframe[title="HTML preview"]').getAttribute("sandbox")).toBe("");

    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Customised on").waitFor();
    const saved = await apiAs(
      suite.server,
      org.admin.cookie,
      "GET",
      `/api/v1/orgs/${org.orgId}/email-templates/invitation`,
    );
    expect(saved.subject).toBe("[Name], [Organization] is waiting for you");
    expect(saved.isDefault).toBe(false);
    // Page captures leave the sandboxed (out-of-process) frame blank; its content is asserted above.
    await screenshot(page, "41-settings-email");

    await page.getByRole("button", { name: "Reset to default" }).click();
    const dialog = page.getByRole("dialog", { name: "Reset the invitation template?" });
    await dialog.getByRole("button", { name: "Reset to default" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByText("This is the default template.").waitFor();
    expect(await subject.inputValue()).toBe("[Inviter] invited you to join [Organization]");
    const reset = await apiAs(
      suite.server,
      org.admin.cookie,
      "GET",
      `/api/v1/orgs/${org.orgId}/email-templates/invitation`,
    );
    expect(reset.isDefault).toBe(true);
    await context.close();
  });
});
