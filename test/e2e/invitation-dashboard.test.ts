import { expect, test } from "vitest";
import { DEFAULT_PASSWORD, tokenFromUrl } from "../harness/app.js";
import { apiAs, describeInChromium, newPerson, screenshot, signInThroughConsole } from "./browser.js";

describeInChromium("the Invitation Dashboard in Chromium", (suite) => {
  test("an admin opens Settings → Invitations and reads the overview, the chart's table and recent activity", async () => {
    const org = await suite.server.setupOrg({
      plan: "business",
      name: "Dash Robotics",
      adminEmail: "ada@dash.example",
    });
    const invite = (body: Record<string, unknown>) =>
      apiAs(suite.server, org.admin.cookie, "POST", `/api/v1/orgs/${org.orgId}/invitations`, body);
    const alice = await invite({ email: "alice@dash.example", role: "member" });
    const accept = await suite.server.request({
      method: "POST",
      url: "/api/v1/invitations/accept",
      body: { token: tokenFromUrl(alice.inviteUrl), name: "Alice Johnson", password: DEFAULT_PASSWORD },
    });
    expect(accept.statusCode).toBe(200);
    await invite({ email: "bob@dash.example", role: "viewer" });
    const carol = await invite({ email: "carol@dash.example", role: "member" });
    await apiAs(
      suite.server,
      org.admin.cookie,
      "POST",
      `/api/v1/orgs/${org.orgId}/invitations/${carol.invitation.id}/resend`,
    );

    const { page } = await newPerson(suite.browser, suite.server.baseUrl);
    await signInThroughConsole(page, "ada@dash.example");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
    await page
      .getByRole("navigation", { name: "Settings" })
      .getByRole("link", { name: "Invitations" })
      .click();
    await page.getByRole("heading", { name: "Invitation dashboard", level: 1 }).waitFor();

    const overview = page.getByRole("region", { name: "Invitation status overview" });
    await overview.getByText("1 user").first().waitFor();
    expect(await overview.getByRole("definition").allInnerTexts()).toEqual([
      "1 user\n33%",
      "2 users\n67%",
      "0 users\n0%",
      "1 user",
      "+2 new members",
    ]);
    await page.getByRole("img", { name: /Invitations sent and accepted per day/ }).waitFor();
    await page.getByText("Show the numbers as a table").click();
    const today = new Date().toISOString().slice(0, 10);
    const todayRow = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: today }) });
    expect(await todayRow.getByRole("cell").allInnerTexts()).toEqual(["3", "1"]);

    const activity = page.getByRole("region", { name: "Recent activity" }).getByRole("listitem");
    expect(await activity.allInnerTexts()).toEqual([
      "carol@dash.example invitation resent (just now)",
      "carol@dash.example invitation pending (just sent)",
      "bob@dash.example invitation pending (just sent)",
      "Alice Johnson accepted invitation (just now)",
      "Alice Johnson was invited (just now)",
    ]);
    await screenshot(page, "20-invitation-dashboard");
  });
});
