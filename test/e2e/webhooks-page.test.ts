import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, expect, test } from "vitest";
import { describeInChromium, newPerson, screenshot, signInThroughConsole } from "./browser.js";

type Received = { path: string; headers: Record<string, string>; body: string };

describeInChromium("Settings → Webhooks in Chromium", (suite) => {
  let receiver: Server;
  let receiverUrl: string;
  const received: Received[] = [];
  /** The receiver answers once this settles: a test holds it to keep a delivery pending. */
  let answerWhen: Promise<void> = Promise.resolve();

  beforeAll(async () => {
    // A webhook receiver on loopback (the harness sets WEBHOOK_ALLOW_PRIVATE_URLS for it).
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", async () => {
        received.push({
          path: req.url ?? "/",
          headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
          body: Buffer.concat(chunks).toString("utf8"),
        });
        await answerWhen;
        res.writeHead(200, { "content-type": "text/plain" }).end("thanks");
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/gatehouse`;
    // Deliveries run as background jobs, as under `gatehouse serve`.
    await suite.server.deps.jobs.start();
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver?.close(resolve));
  });

  test("an admin adds an endpoint, copies its secret once, sends a test event, sees it delivered and signed, redelivers, rotates and deletes", async () => {
    const org = await suite.server.setupOrg({ plan: "business", name: "Hooks Co" });
    const { page } = await newPerson(suite.browser, suite.server.baseUrl);
    await signInThroughConsole(page, org.admin.email);

    await page.goto(`/orgs/${org.orgId}/settings/users`);
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Webhooks" }).click();
    await page.getByRole("heading", { name: "Webhooks", level: 1 }).waitFor();
    await page.getByText("No webhook endpoints yet.").waitFor();

    // Add: URL, description, events (one unchecked).
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const add = page.getByRole("dialog", { name: "Add webhook endpoint" });
    await add.getByLabel("Endpoint URL").fill(receiverUrl);
    await add.getByLabel("Description").fill("CRM sync");
    const updated = add.getByRole("checkbox", { name: /membership\.updated/ });
    expect(await updated.isChecked()).toBe(true);
    await updated.uncheck();
    await screenshot(page, "46-settings-webhooks-add", { fullPage: false });
    await add.getByRole("button", { name: "Add endpoint" }).click();

    // The secret, once, with a warning and a working Copy button.
    const shown = page.getByRole("dialog", { name: "Endpoint added: copy its signing secret" });
    await shown.getByText("You will not see this secret again.").waitFor();
    const secret = await shown.getByLabel("Signing secret").inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    await screenshot(page, "47-settings-webhooks-secret", { fullPage: false });
    await shown.getByRole("button", { name: "Copy" }).click();
    await shown.getByText("Copied", { exact: true }).waitFor();
    expect(String(await page.evaluate("navigator.clipboard.readText()"))).toBe(secret);
    await shown.getByRole("button", { name: "I have copied it" }).click();
    await shown.waitFor({ state: "detached" });
    expect(await page.content()).not.toContain(secret);

    const endpoints = page.getByRole("region", { name: "Endpoints" });
    const row = endpoints.getByRole("row").filter({ hasText: receiverUrl });
    await row.getByText("CRM sync").waitFor();
    await row.getByText("None yet").waitFor();
    expect(await row.getByText("Enabled", { exact: true }).count()).toBe(1);
    expect(await row.getByText("membership.updated").count()).toBe(0);
    expect(await row.getByText("membership.deleted").count()).toBe(1);

    // Send test: delivered by the job runner, shown in the log, signed with the secret we were shown.
    // The race a slow machine can hit, made certain: the endpoint's row is read while the delivery is
    // pending (the receiver holds its answer until then), and the log's reads are held until it is
    // done, so the log never sees it pending. The row must still catch up to "Delivered".
    let answer = () => {};
    answerWhen = new Promise((resolve) => {
      answer = resolve;
    });
    const rowRead = page.waitForResponse(
      (r) => r.request().method() === "GET" && new URL(r.url()).pathname.endsWith("/webhook-endpoints"),
    );
    const deliveriesRead = "**/webhook-endpoints/*/deliveries";
    await page.route(deliveriesRead, async (route) => {
      for (;;) {
        const response = await route.fetch();
        const body = (await response.json()) as { items: { status: string }[] };
        if (body.items.length > 0 && body.items.every((d) => d.status !== "pending")) {
          return route.fulfill({ response, json: body });
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
    await row.getByRole("button", { name: `Send test ${receiverUrl}` }).click();
    await rowRead;
    await row.getByText("Pending").waitFor();
    answer();
    const log = page.getByRole("region", { name: "Deliveries" });
    const delivery = log.getByRole("row").filter({ hasText: "webhook.test" });
    await delivery.getByText("Delivered").waitFor();
    expect(await delivery.textContent()).toContain("HTTP 200");
    expect(received).toHaveLength(1);
    const [first] = received;
    expect(first?.path).toBe("/hooks/gatehouse");
    const event = new Webhook(secret).verify(first?.body ?? "", first?.headers ?? {}) as {
      type: string;
      data: { orgId: string };
    };
    expect(event.type).toBe("webhook.test");
    expect(event.data.orgId).toBe(org.orgId);
    expect(await delivery.textContent()).toContain(first?.headers["webhook-id"]);
    await row.getByText("Delivered").waitFor();
    await page.unroute(deliveriesRead);
    await delivery.getByText("1 attempt").click();
    await delivery.getByText(/HTTP 200 \(\d+ ms\)/).waitFor();
    await screenshot(page, "45-settings-webhooks");

    // Redeliver: the same webhook-id again, still verifiable.
    await delivery.getByRole("button", { name: /^Redeliver/ }).click();
    await delivery.getByText("2 attempts").waitFor();
    expect(received).toHaveLength(2);
    expect(received[1]?.headers["webhook-id"]).toBe(first?.headers["webhook-id"]);
    expect(() =>
      new Webhook(secret).verify(received[1]?.body ?? "", received[1]?.headers ?? {}),
    ).not.toThrow();

    // Disable and enable again.
    await row.getByRole("button", { name: `Disable ${receiverUrl}` }).click();
    await row.getByText("Disabled", { exact: true }).waitFor();
    await row.getByText("Disabled by an admin.").waitFor();
    expect(await row.getByRole("button", { name: /^Send test/ }).count()).toBe(0);
    await row.getByRole("button", { name: `Enable ${receiverUrl}` }).click();
    await row.getByText("Enabled", { exact: true }).waitFor();

    // Rotate: confirmed, the new secret shown once and used for the next test event.
    await row.getByRole("button", { name: `Rotate secret ${receiverUrl}` }).click();
    await page
      .getByRole("dialog", { name: "Rotate the signing secret?" })
      .getByRole("button", { name: "Rotate secret" })
      .click();
    const rotated = page.getByRole("dialog", { name: "New signing secret" });
    await rotated.getByText("You will not see this secret again.").waitFor();
    const secret2 = await rotated.getByLabel("Signing secret").inputValue();
    expect(secret2).not.toBe(secret);
    await rotated.getByRole("button", { name: "I have copied it" }).click();
    await row.getByRole("button", { name: `Send test ${receiverUrl}` }).click();
    await log.getByRole("row").filter({ hasText: "webhook.test" }).nth(1).waitFor();
    await expect.poll(() => received.length).toBe(3);
    expect(() =>
      new Webhook(secret2).verify(received[2]?.body ?? "", received[2]?.headers ?? {}),
    ).not.toThrow();
    expect(() => new Webhook(secret).verify(received[2]?.body ?? "", received[2]?.headers ?? {})).toThrow();

    // Delete, after a confirm dialog (Cancel first keeps it).
    await row.getByRole("button", { name: `Delete ${receiverUrl}` }).click();
    const confirm = page.getByRole("dialog", { name: "Delete this webhook endpoint?" });
    await confirm.getByRole("button", { name: "Cancel" }).click();
    expect(await row.count()).toBe(1);
    await row.getByRole("button", { name: `Delete ${receiverUrl}` }).click();
    await confirm.getByRole("button", { name: "Delete endpoint" }).click();
    await page.getByText("No webhook endpoints yet.").waitFor();
    expect(await log.count()).toBe(0);
  });

  test("a URL on a private network is refused with the server's message when private URLs are off", async () => {
    const org = await suite.server.setupOrg({ plan: "business", name: "Strict Co" });
    const member = await suite.server.addMember(org, { role: "member" });
    const { page } = await newPerson(suite.browser, suite.server.baseUrl);
    await signInThroughConsole(page, member.email);
    await page.goto(`/orgs/${org.orgId}/settings/api-keys`);
    await page.getByRole("heading", { name: "API keys", level: 1 }).waitFor();
    // Members do not see the page in the menu.
    expect(
      await page
        .getByRole("navigation", { name: "Settings" })
        .getByRole("link", { name: "Webhooks" })
        .count(),
    ).toBe(0);

    const admin = await newPerson(suite.browser, suite.server.baseUrl);
    await signInThroughConsole(admin.page, org.admin.email);
    await admin.page.goto(`/orgs/${org.orgId}/settings/webhooks`);
    await admin.page.getByRole("heading", { name: "Webhooks", level: 1 }).waitFor();
    suite.server.config.webhooks.allowPrivateUrls = false;
    try {
      await admin.page.getByRole("button", { name: "Add endpoint" }).click();
      const add = admin.page.getByRole("dialog", { name: "Add webhook endpoint" });
      await add.getByLabel("Endpoint URL").fill("http://169.254.169.254/latest/meta-data/");
      await add.getByRole("button", { name: "Add endpoint" }).click();
      await add.getByText("169.254.169.254 is a link-local address").waitFor();
      expect(await add.getByLabel("Endpoint URL").getAttribute("aria-invalid")).toBe("true");
      expect(await add.textContent()).toContain("WEBHOOK_ALLOW_PRIVATE_URLS=true");
    } finally {
      suite.server.config.webhooks.allowPrivateUrls = true;
    }
  });
});
