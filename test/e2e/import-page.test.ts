import { expect, test } from "vitest";
import { describeInChromium, newPerson, screenshot, signInThroughConsole } from "./browser.js";

const CSV = `email,first_name,last_name,role,department,manager_email
alice@co.com,Alice,Johnson,member,engineering,lead@co.com
bob@co.com,Bob,Smith,admin,product,cto@co.com
not-an-email,Carol,Wilson,viewer,design,creative@co.com
alice@co.com,Alice,Again,member,engineering,
`;

describeInChromium("the Import page in Chromium", (suite) => {
  test("an admin previews a team CSV by outcome, imports it and sees every row", async () => {
    const org = await suite.server.setupOrg();
    const { context, page } = await newPerson(suite.browser, suite.server.baseUrl);
    await signInThroughConsole(page, org.admin.email);
    await page.goto(`/orgs/${org.orgId}/settings/users`);
    await page.getByRole("link", { name: "Import CSV" }).click();
    await page.getByRole("heading", { name: "Import invitations", level: 1 }).waitFor();
    await page
      .getByLabel("File", { exact: true })
      .setInputFiles({ name: "team.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
    await page.getByRole("button", { name: "Preview (dry run)" }).click();
    await page.getByRole("heading", { name: /Preview: what would happen \(4 rows\)/ }).waitFor();
    await page.getByRole("button", { name: "Invalid 1" }).click();
    await page.getByText("is not a valid email address").waitFor();
    await page.getByRole("button", { name: "All 4" }).click();
    await page.getByText("Duplicate in file").first().waitFor();
    await screenshot(page, "40-import-preview");
    const before = await suite.server.deps.db
      .selectFrom("invitations")
      .select("id")
      .where("org_id", "=", org.orgId)
      .execute();
    expect(before).toHaveLength(0);

    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.getByRole("heading", { name: /Result \(4 rows\)/ }).waitFor();
    await page.getByRole("button", { name: "Invited 2" }).waitFor();
    await screenshot(page, "41-import-result");
    const after = await suite.server.deps.db
      .selectFrom("invitations")
      .select("email")
      .where("org_id", "=", org.orgId)
      .execute();
    expect(after.map((row) => row.email).sort()).toEqual(["alice@co.com", "bob@co.com"]);
    await context.close();
  });
});
