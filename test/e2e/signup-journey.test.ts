import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testResolver } from "../harness/dns.js";
import { type MailCatcher, startMailCatcher } from "../harness/mail-catcher.js";
import { startTestServer, type TestServer } from "../harness/server.js";
import {
  apiAs,
  assertConsoleBuilt,
  CHROMIUM_PATH,
  hasChromium,
  launchChromium,
  newPerson,
  screenshot,
} from "./browser.js";

if (!hasChromium) {
  console.warn(
    `skipped: no Chromium at ${CHROMIUM_PATH}; install chromium or set CHROMIUM_PATH to run the browser tests.`,
  );
}

describe.skipIf(!hasChromium)("Join your team with a work email, in Chromium", () => {
  let server: TestServer;
  let catcher: MailCatcher;
  let browser: Browser;
  const records = new Map<string, string[][]>();

  beforeAll(async () => {
    assertConsoleBuilt();
    catcher = await startMailCatcher();
    server = await startTestServer({
      env: { SMTP_URL: catcher.url, SMTP_FROM: "Gatehouse <join@gatehouse.test>" },
    });
    server.deps.dns = testResolver(records);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await catcher?.close();
  });

  /** An org with a verified domain in the given mode, set up through the API. */
  async function orgWithDomain(name: string, mode: "auto" | "approval") {
    const org = await server.setupOrg({ plan: "business", name });
    const domain = `${name.toLowerCase().replace(/\W/g, "")}${Date.now().toString(36)}.com`;
    const claimed = await apiAs(server, org.admin.cookie, "POST", `/api/v1/orgs/${org.orgId}/domains`, {
      domain,
      mode,
    });
    const record = claimed.domain.verificationRecord as { name: string; value: string };
    records.set(record.name, [[record.value]]);
    await apiAs(
      server,
      org.admin.cookie,
      "POST",
      `/api/v1/orgs/${org.orgId}/domains/${claimed.domain.id}/verify`,
      {},
    );
    return { org, domain };
  }

  /** Waits for the outbox to mail `to` and returns the sign-up link in it. */
  async function linkMailedTo(to: string): Promise<string> {
    let link: string | undefined;
    await expect
      .poll(
        async () => {
          await server.deps.jobs.runDue();
          const mail = catcher.mails.find((m) => m.to.includes(to));
          link = mail ? /http:\/\/\S+\/join\/verify#token=[A-Za-z0-9_-]{43}/.exec(mail.text)?.[0] : undefined;
          return link;
        },
        { timeout: 10_000 },
      )
      .toBeTruthy();
    return link as string;
  }

  test("from the sign-in page: work email, the emailed link, name and password, then in", async () => {
    const { org, domain } = await orgWithDomain("Northwind", "auto");
    const email = `grace@${domain}`;
    const { context, page } = await newPerson(browser, server.baseUrl);
    await page.goto("/login");
    await page.getByRole("link", { name: "Join your team with your work email" }).click();
    await page.getByRole("heading", { name: "Join your team", level: 1 }).waitFor();
    await page.getByLabel("Work email").fill(email);
    await screenshot(page, "signup-01-join");
    await page.getByRole("button", { name: "Send me a link" }).click();
    await page.getByRole("heading", { name: "Check your email" }).waitFor();
    await page.getByText("If your organization lets people join with this email, we sent a link").waitFor();
    await screenshot(page, "signup-02-check-email");

    const link = await linkMailedTo(email);
    await page.goto(link);
    await page.getByRole("heading", { name: "Create your account" }).waitFor();
    // The token leaves the address bar at once.
    expect(page.url()).not.toContain("token=");
    await page.getByLabel("Your name").fill("Grace Hopper");
    await page.getByLabel("Password").fill("correct horse battery");
    await screenshot(page, "signup-03-create-account");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("heading", { name: "You're in" }).waitFor();
    await page.getByText("You joined Northwind as").waitFor();
    await screenshot(page, "signup-04-in");
    await page.getByRole("link", { name: "Open Northwind" }).click();
    await page.waitForURL(new RegExp(`/orgs/${org.orgId}$`));

    // The same link again: it worked once, and the page says what to do next.
    await page.goto(link);
    await page.getByLabel("Your name").fill("Grace Again");
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("heading", { name: "This link no longer works" }).waitFor();
    await page.getByRole("link", { name: "Start again" }).waitFor();
    await context.close();
  });

  test("approval mode: the page says the request is waiting for an admin", async () => {
    const { domain } = await orgWithDomain("Contoso", "approval");
    const email = `alan@${domain}`;
    const { context, page } = await newPerson(browser, server.baseUrl);
    await page.goto("/join");
    await page.getByLabel("Work email").fill(email);
    await page.getByRole("button", { name: "Send me a link" }).click();
    await page.getByRole("heading", { name: "Check your email" }).waitFor();
    await page.goto(await linkMailedTo(email));
    await page.getByLabel("Your name").fill("Alan Turing");
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("heading", { name: "Your request is waiting for an admin" }).waitFor();
    await page.getByText("We asked the admins of Contoso to let you in").waitFor();
    await screenshot(page, "signup-05-waiting");
    await context.close();
  });
});

describe.skipIf(!hasChromium)("Join your team without SMTP, in Chromium", () => {
  test("the page says sign-up by email is unavailable on this server", async () => {
    assertConsoleBuilt();
    const server = await startTestServer();
    const browser = await launchChromium();
    try {
      const { page } = await newPerson(browser, server.baseUrl);
      await page.goto("/join");
      await page.getByText("Sign-up by email is not available on this server").waitFor();
      await expect(page.getByLabel("Work email").count()).resolves.toBe(0);
      await screenshot(page, "signup-06-unavailable");
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
