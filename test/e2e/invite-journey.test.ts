import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { DEFAULT_PASSWORD, tokenFromUrl, uniqueEmail } from "../harness/app.js";
import { apiAs, describeInChromium, newPerson, screenshot, signInThroughConsole } from "./browser.js";

const BUSINESS_HELP =
  "On a Business plan, you can invite teammates, assign them to teams, and choose organization-wide or team roles for each person.";
const FREE_HELP =
  "On the Free plan, this workspace is limited to one user on one team. Upgrade when you are ready to invite others.";

describeInChromium("the console in Chromium", (suite) => {
  const callApi = (cookie: string, method: "POST" | "GET", url: string, body?: unknown) =>
    apiAs(suite.server, cookie, method, url, body);

  /** Invites and accepts through the API, so the Users page has a few people on it. */
  async function addPerson(
    adminCookie: string,
    orgId: string,
    person: Record<string, unknown>,
    name: string,
  ) {
    const { inviteUrl } = await callApi(adminCookie, "POST", `/api/v1/orgs/${orgId}/invitations`, person);
    const accept = await suite.server.request({
      method: "POST",
      url: "/api/v1/invitations/accept",
      body: { token: tokenFromUrl(inviteUrl), name, password: DEFAULT_PASSWORD },
    });
    expect(accept.statusCode).toBe(200);
  }

  const signIn = (page: Page, email: string) => signInThroughConsole(page, email);

  test("an admin invites a teammate, who signs up from the copied link and lands with the role and team picked", async () => {
    const org = await suite.server.setupOrg({
      plan: "business",
      name: "Acme Robotics",
      adminEmail: "ada@acme.example",
    });
    const research = await callApi(org.admin.cookie, "POST", `/api/v1/orgs/${org.orgId}/teams`, {
      name: "Research",
    });
    await addPerson(
      org.admin.cookie,
      org.orgId,
      {
        email: "grace@acme.example",
        role: "admin",
        teamId: research.id,
        teamRole: "owner",
        department: "Engineering",
      },
      "Grace Hopper",
    );
    await addPerson(
      org.admin.cookie,
      org.orgId,
      { email: "linus@acme.example", role: "member" },
      "Linus Park",
    );
    const sales = await callApi(org.admin.cookie, "POST", `/api/v1/orgs/${org.orgId}/teams`, {
      name: "Sales",
    });
    await callApi(org.admin.cookie, "POST", `/api/v1/orgs/${org.orgId}/invitations`, {
      email: "lee@acme.example",
      role: "member",
      teamId: sales.id,
      teamRole: "member",
      department: "Sales",
      expiresInDays: 3,
    });
    await callApi(org.admin.cookie, "POST", `/api/v1/orgs/${org.orgId}/invitations`, {
      email: "sam@partner.example",
      role: "viewer",
    });

    const admin = await newPerson(suite.browser, suite.server.baseUrl);
    const page = admin.page;
    await page.goto("/login");
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await screenshot(page, "01-login");
    await signIn(page, "ada@acme.example");
    await page.getByRole("heading", { name: "Welcome to Acme Robotics" }).waitFor();

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
    await page.getByRole("heading", { name: "Users", level: 1 }).waitFor();
    await page.getByText(BUSINESS_HELP).waitFor();
    await page
      .getByRole("region", { name: "Users" })
      .getByRole("row")
      .filter({ hasText: "Grace Hopper" })
      .waitFor();
    await page.getByRole("cell", { name: "sam@partner.example", exact: true }).waitFor();
    await screenshot(page, "02-users-page");

    // By keyboard: Enter opens the dialog with focus in its first field; Escape closes it and focus returns.
    const inviteButton = page.getByRole("button", { name: "Invite User" });
    const dialog = page.getByRole("dialog", { name: "Invite User" });
    await inviteButton.focus();
    await page.keyboard.press("Enter");
    await dialog.waitFor();
    expect(await page.evaluate("document.activeElement.type")).toBe("email");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect(await page.evaluate("document.activeElement.textContent")).toBe("Invite User");

    await inviteButton.click();
    await dialog.waitFor();
    await dialog
      .getByText(
        "Send an email invite with a sign-up link. New users join as team members; assign org or team admin roles after they accept.",
      )
      .waitFor();
    await dialog
      .getByText("Email delivery is not configured (SMTP_URL): links must be copied and shared yourself.")
      .waitFor();
    await dialog.getByLabel("Email").fill("maya@acme.example");
    await dialog.getByRole("group", { name: "Org role" }).getByRole("radio", { name: /^User/ }).check();
    await dialog.getByLabel("Team", { exact: true }).selectOption({ label: "Research" });
    await dialog
      .getByRole("group", { name: "Team role" })
      .getByRole("radio", { name: /^Admin/ })
      .check();
    await dialog.getByLabel(/Department/).fill("Engineering");
    await dialog.getByLabel(/Personal message/).fill("Welcome aboard! <b>Not bold</b>");
    await screenshot(page, "03-invite-dialog-teams", { fullPage: false });
    await dialog.evaluate((element) => element.scrollTo(0, 0));
    await screenshot(page, "03-invite-dialog", { fullPage: false });
    await dialog.getByRole("button", { name: "Create Invite" }).click();

    await dialog.getByText("The link is good for 7 days.").waitFor();
    await dialog.getByRole("button", { name: "Copy" }).click();
    await dialog.getByText("Copied", { exact: true }).waitFor();
    const shown = await dialog.getByLabel("Invite link").inputValue();
    const copied = String(await page.evaluate("navigator.clipboard.readText()"));
    expect(copied).toBe(shown);
    expect(copied).toMatch(new RegExp(`^${suite.server.baseUrl}/invite#token=`));
    await screenshot(page, "04-invite-link", { fullPage: false });
    await dialog.getByRole("button", { name: "Done" }).click();
    const invitesCard = page.getByRole("region", { name: "Active Invites" });
    await invitesCard.getByRole("row").filter({ hasText: "maya@acme.example" }).waitFor();

    const invitee = await newPerson(suite.browser, suite.server.baseUrl);
    await invitee.page.goto(copied);
    const heading = invitee.page.getByRole("heading", {
      name: "Ada Admin invited you to join Acme Robotics as User",
    });
    await heading.waitFor();
    expect(new URL(invitee.page.url()).hash).toBe("");
    await invitee.page.getByText("Research · Admin").waitFor();
    // The personal message is text, never HTML.
    await invitee.page.getByText("Welcome aboard! <b>Not bold</b>").waitFor();
    const email = invitee.page.getByLabel("Email");
    expect(await email.inputValue()).toBe("maya@acme.example");
    expect(await email.getAttribute("readonly")).not.toBeNull();
    await screenshot(invitee.page, "05-invite-page");
    await invitee.page.getByLabel("Your name").fill("Maya Chen");
    await invitee.page.getByLabel("Password").fill("a long enough password");
    await invitee.page.getByRole("button", { name: "Create account and join" }).click();

    await invitee.page.waitForURL(`${suite.server.baseUrl}/orgs/${org.orgId}`);
    await invitee.page.getByRole("heading", { name: "Welcome to Acme Robotics" }).waitFor();
    const access = invitee.page.getByRole("region", { name: "Your access" });
    expect(await access.locator(".role-name").textContent()).toBe("User");
    await access.getByText("Research · Admin").waitFor();
    await access.getByText("Engineering").waitFor();
    await invitee.page.getByText("Maya Chen", { exact: true }).waitFor();
    await screenshot(invitee.page, "06-landing-page");

    await page.reload();
    const usersCard = page.getByRole("region", { name: "Users" });
    const mayaRow = usersCard.getByRole("row").filter({ hasText: "maya@acme.example" });
    await mayaRow.waitFor();
    expect(await mayaRow.getByLabel("Org role of Maya Chen").inputValue()).toBe("member");
    await mayaRow.getByText("Research · Admin").waitFor();
    await invitesCard.getByRole("cell", { name: "sam@partner.example", exact: true }).waitFor();
    expect(await invitesCard.getByRole("row").filter({ hasText: "maya@acme.example" }).count()).toBe(0);
    await screenshot(page, "07-users-after-accept");
    await page.setViewportSize({ width: 900, height: 860 });
    await screenshot(page, "07-users-at-900px");
    await page.setViewportSize({ width: 1280, height: 860 });

    await invitesCard.getByLabel("Show all statuses").check();
    const acceptedRow = invitesCard.getByRole("row").filter({ hasText: "maya@acme.example" });
    await acceptedRow.getByText("Accepted", { exact: true }).waitFor();
    await acceptedRow.getByRole("button", { name: /History/ }).click();
    const history = page.getByRole("dialog", { name: "Invitation history" });
    await history.getByText("Accepted by Maya Chen").waitFor();
    await history.getByText("Invited by Ada Admin").waitFor();
    await screenshot(page, "08-invite-history", { fullPage: false });
    await page.keyboard.press("Escape");
    await history.waitFor({ state: "hidden" });

    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Teams" }).click();
    await page.getByRole("heading", { name: "Teams", level: 1 }).waitFor();
    const researchRow = page.getByRole("row").filter({ hasText: "Research" });
    await researchRow.getByText("3 members").waitFor();
    await screenshot(page, "09-teams-page");
    await researchRow.getByRole("link", { name: "Research" }).click();
    await page.getByRole("heading", { name: "Research", level: 1 }).waitFor();
    await page.getByRole("row").filter({ hasText: "Maya Chen" }).waitFor();
    await screenshot(page, "10-team-page");

    // Sales: Ada is its only owner. Demoting herself is refused with the server's message; adding works.
    await page.getByRole("link", { name: "← All teams" }).click();
    await page.getByRole("row").filter({ hasText: "Sales" }).getByRole("link", { name: "Sales" }).click();
    await page.getByRole("heading", { name: "Sales", level: 1 }).waitFor();
    await page.getByLabel("Team role of Ada Admin").selectOption("member");
    await page.getByText("A team must keep at least one owner.").waitFor();
    await page.getByLabel("Add an org member").selectOption({ label: "Linus Park (linus@acme.example)" });
    await page.getByRole("button", { name: "Add to team" }).click();
    await page.getByRole("row").filter({ hasText: "Linus Park" }).waitFor();

    await admin.context.close();
    await invitee.context.close();
  });

  test("on the Free plan, Invite User is disabled and the page says why in the seed's words", async () => {
    const org = await suite.server.setupOrg({
      plan: "free",
      name: "Solo Studio",
      adminEmail: uniqueEmail("solo"),
    });
    const { page, context } = await newPerson(suite.browser, suite.server.baseUrl);
    await signIn(page, org.admin.email);
    await page.goto(`/orgs/${org.orgId}/settings/users`);
    await page.getByRole("heading", { name: "Users", level: 1 }).waitFor();
    await page.getByText(FREE_HELP).waitFor();
    const invite = page.getByRole("button", { name: "Invite User" });
    expect(await invite.isDisabled()).toBe(true);
    await page.getByText("Invites are disabled on the Free plan.").waitFor();
    expect(
      await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Teams" }).count(),
    ).toBe(0);
    // The last admin cannot demote themselves: the server's LAST_ADMIN message shows in the row.
    await page.getByLabel(/^Org role of/).selectOption("member");
    await page.getByText("An organization must keep at least one admin.").waitFor();
    expect(await page.getByLabel(/^Org role of/).inputValue()).toBe("admin");
    await screenshot(page, "11-free-plan");
    await context.close();
  });

  test("a revoked invitation's link shows the revoked page", async () => {
    const org = await suite.server.setupOrg({
      plan: "team",
      name: "Harbor Labs",
      adminEmail: uniqueEmail("harbor"),
    });
    const email = uniqueEmail("revoked");
    const { inviteUrl } = await callApi(org.admin.cookie, "POST", `/api/v1/orgs/${org.orgId}/invitations`, {
      email,
      role: "member",
    });

    const admin = await newPerson(suite.browser, suite.server.baseUrl);
    await signIn(admin.page, org.admin.email);
    await admin.page.goto(`/orgs/${org.orgId}/settings/users`);
    const row = admin.page
      .getByRole("region", { name: "Active Invites" })
      .getByRole("row")
      .filter({ hasText: email });
    await row.getByRole("button", { name: /Revoke/ }).click();
    const confirm = admin.page.getByRole("dialog", { name: "Revoke invitation?" });
    await confirm.getByText("stops working immediately").waitFor();
    await screenshot(admin.page, "12-revoke-confirm", { fullPage: false });
    await confirm.getByRole("button", { name: "Revoke" }).click();
    await admin.page.getByRole("status").filter({ hasText: "was revoked" }).waitFor();
    await row.waitFor({ state: "detached" });

    const invitee = await newPerson(suite.browser, suite.server.baseUrl);
    await invitee.page.goto(inviteUrl);
    await invitee.page.getByRole("heading", { name: "Invitation revoked" }).waitFor();
    await invitee.page.getByText("This invitation was revoked").waitFor();
    expect(await invitee.page.getByLabel("Password").count()).toBe(0);
    await screenshot(invitee.page, "13-revoked-page");
    await admin.context.close();
    await invitee.context.close();
  });
});
