import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInvitation, expectError, expectStatus, invitationAction, orgUrl } from "../harness/api.js";
import { createTestApp, type TestApp } from "../harness/app.js";

type Received = { path: string; headers: Record<string, string>; body: string };

let t: TestApp;
let server: Server;
let base: string;
const received: Received[] = [];
/** Status codes to answer on a path, in turn; 200 once they run out. */
const answers = new Map<string, number[]>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "/";
      received.push({
        path,
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
        body: Buffer.concat(chunks).toString("utf8"),
      });
      const status = answers.get(path)?.shift() ?? 200;
      res.writeHead(status, { "content-type": "text/plain" }).end(`answered ${status}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
  await new Promise((resolve) => server.close(resolve));
});

let paths = 0;
async function endpoint(
  org: { orgId: string; admin: { cookie: string } },
  body: Record<string, unknown> = {},
) {
  const path = `/hook/${++paths}`;
  const response = await t.request({
    method: "POST",
    url: orgUrl(org.orgId, "/webhook-endpoints"),
    cookie: org.admin.cookie,
    body: { url: `${base}${path}`, description: "CRM sync", ...body },
  });
  expectStatus(response, 201);
  const json = response.json() as { endpoint: { id: string }; secret: string };
  return { id: json.endpoint.id, secret: json.secret, path };
}

const at = (path: string) => received.filter((r) => r.path === path);
const types = (path: string) => at(path).map((r) => (JSON.parse(r.body) as { type: string }).type);
function verified(secret: string, request: Received) {
  return new Webhook(secret).verify(request.body, request.headers) as {
    type: string;
    timestamp: string;
    data: Record<string, unknown>;
  };
}

describe("webhooks", () => {
  it("delivers invitation.created, invitation.accepted and membership.created, signed; the secret is never read back", async () => {
    t.clock.set(new Date());
    const org = await t.setupOrg();
    const hook = await endpoint(org);
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const member = await t.addMember(org, { role: "member" });
    await t.deps.jobs.runDue();

    expect(types(hook.path).sort()).toEqual([
      "invitation.accepted",
      "invitation.created",
      "membership.created",
    ]);
    for (const request of at(hook.path)) {
      expect(request.headers["webhook-signature"]).toMatch(/^v1,/);
      const event = verified(hook.secret, request);
      expect(event.data.orgId).toBe(org.orgId);
      expect(request.headers["webhook-id"]).toMatch(/^msg_/);
    }
    const membership = at(hook.path)
      .map((r) => verified(hook.secret, r))
      .find((e) => e.type === "membership.created");
    expect(membership?.data).toMatchObject({ orgId: org.orgId, after: expect.anything() });
    expect(JSON.stringify(membership?.data)).toContain(member.userId);

    const list = await t.request({
      method: "GET",
      url: orgUrl(org.orgId, "/webhook-endpoints"),
      cookie: org.admin.cookie,
    });
    expectStatus(list, 200);
    const one = await t.request({
      method: "GET",
      url: orgUrl(org.orgId, `/webhook-endpoints/${hook.id}`),
      cookie: org.admin.cookie,
    });
    expectStatus(one, 200);
    for (const body of [list.body, one.body]) {
      expect(body).not.toContain(hook.secret);
      expect(body).not.toContain(hook.secret.slice(6));
    }
    const deliveries = await t.request({
      method: "GET",
      url: orgUrl(org.orgId, `/webhook-endpoints/${hook.id}/deliveries`),
      cookie: org.admin.cookie,
    });
    expectStatus(deliveries, 200);
    const items = (deliveries.json() as { items: { status: string; attemptLog: { statusCode: number }[] }[] })
      .items;
    expect(items).toHaveLength(3);
    for (const item of items) {
      expect(item.status).toBe("delivered");
      expect(item.attemptLog.map((a) => a.statusCode)).toEqual([200]);
    }
  });

  it("retries a 500 with backoff and delivers on the 200, same webhook-id", async () => {
    t.clock.set(new Date(Date.now() - 60 * 60 * 1000));
    const org = await t.setupOrg();
    const hook = await endpoint(org, { eventTypes: ["invitation.created"] });
    answers.set(hook.path, [500]);
    await createInvitation(t, org);
    await t.deps.jobs.runDue();
    expect(at(hook.path)).toHaveLength(1);
    t.clock.set(new Date());
    await t.deps.jobs.runDue();
    const requests = at(hook.path);
    expect(requests).toHaveLength(2);
    expect(requests[1]?.headers["webhook-id"]).toBe(requests[0]?.headers["webhook-id"]);
    expect(verified(hook.secret, requests[1] as Received).type).toBe("invitation.created");

    const deliveries = await t.request({
      method: "GET",
      url: orgUrl(org.orgId, `/webhook-endpoints/${hook.id}/deliveries`),
      cookie: org.admin.cookie,
    });
    const [item] = (
      deliveries.json() as {
        items: {
          status: string;
          attempts: number;
          attemptLog: { statusCode: number; responseBody: string }[];
        }[];
      }
    ).items;
    expect(item).toMatchObject({ status: "delivered", attempts: 2 });
    expect(item?.attemptLog.map((a) => a.statusCode)).toEqual([500, 200]);
    expect(item?.attemptLog[0]?.responseBody).toBe("answered 500");
  });

  it("disables the endpoint on 410 Gone and sends it nothing more; redelivery needs it re-enabled", async () => {
    t.clock.set(new Date());
    const org = await t.setupOrg();
    const hook = await endpoint(org, { eventTypes: ["invitation.created"] });
    answers.set(hook.path, [410]);
    await createInvitation(t, org);
    await t.deps.jobs.runDue();
    const got = await t.request({
      method: "GET",
      url: orgUrl(org.orgId, `/webhook-endpoints/${hook.id}`),
      cookie: org.admin.cookie,
    });
    expect(got.json()).toMatchObject({ enabled: false, disabledReason: expect.stringContaining("410") });
    const deliveries = await t.request({
      method: "GET",
      url: orgUrl(org.orgId, `/webhook-endpoints/${hook.id}/deliveries`),
      cookie: org.admin.cookie,
    });
    const [item] = (deliveries.json() as { items: { id: string; status: string }[] }).items;
    expect(item?.status).toBe("failed");

    await createInvitation(t, org);
    await t.deps.jobs.runDue();
    expect(at(hook.path)).toHaveLength(1);
    const redeliver = () =>
      t.request({
        method: "POST",
        url: orgUrl(org.orgId, `/webhook-deliveries/${item?.id}/redeliver`),
        cookie: org.admin.cookie,
      });
    expectError(await redeliver(), "WEBHOOK_ENDPOINT_DISABLED");
    const enable = await t.request({
      method: "PATCH",
      url: orgUrl(org.orgId, `/webhook-endpoints/${hook.id}`),
      cookie: org.admin.cookie,
      body: { enabled: true },
    });
    expect(enable.json()).toMatchObject({ enabled: true, disabledReason: null });
    expectStatus(await redeliver(), 202);
    await t.deps.jobs.runDue();
    expect(at(hook.path)).toHaveLength(2);
    expect(at(hook.path)[1]?.headers["webhook-id"]).toBe(item?.id);
  });

  it("rotate-secret signs later deliveries with the new secret only", async () => {
    t.clock.set(new Date());
    const org = await t.setupOrg();
    const hook = await endpoint(org);
    const ping = async () => {
      const response = await t.request({
        method: "POST",
        url: orgUrl(org.orgId, `/webhook-endpoints/${hook.id}/test`),
        cookie: org.admin.cookie,
      });
      expectStatus(response, 202);
      await t.deps.jobs.runDue();
      return at(hook.path).at(-1) as Received;
    };
    const first = await ping();
    expect(verified(hook.secret, first).type).toBe("webhook.test");
    const rotated = await t.request({
      method: "POST",
      url: orgUrl(org.orgId, `/webhook-endpoints/${hook.id}/rotate-secret`),
      cookie: org.admin.cookie,
    });
    expectStatus(rotated, 200);
    const secret = (rotated.json() as { secret: string }).secret;
    expect(secret).not.toBe(hook.secret);
    const second = await ping();
    expect(verified(secret, second).type).toBe("webhook.test");
    expect(() => verified(hook.secret, second)).toThrow();
    expect(second.headers["webhook-signature"]).not.toBe(first.headers["webhook-signature"]);
  });

  it("sends only the event types an endpoint asked for", async () => {
    t.clock.set(new Date());
    const org = await t.setupOrg();
    const onlyRevoked = await endpoint(org, { eventTypes: ["invitation.revoked"] });
    const onlyMembers = await endpoint(org, { eventTypes: ["membership.created", "membership.deleted"] });
    const created = await createInvitation(t, org);
    expectStatus(await invitationAction(t, org, created.invitation.id, "revoke"), 200);
    await t.addMember(org, { role: "viewer" });
    await t.deps.jobs.runDue();
    expect(types(onlyRevoked.path)).toEqual(["invitation.revoked"]);
    expect(types(onlyMembers.path)).toEqual(["membership.created"]);
  });

  it("an import delivers one signed invitation.created per invited row (deliveries inserted in batches)", async () => {
    t.clock.set(new Date());
    const org = await t.setupOrg();
    const hook = await endpoint(org, { eventTypes: ["invitation.created"] });
    const rows = Array.from({ length: 120 }, (_, i) => `bulk${i}@import.test,member,sales,Hello`);
    const response = await t.request({
      method: "POST",
      url: orgUrl(org.orgId, "/imports"),
      cookie: org.admin.cookie,
      headers: { "content-type": "text/csv" },
      body: `email,role,department,message\n${rows.join("\n")}\n`,
    });
    expectStatus(response, 201);
    for (let round = 0; round < 100 && (await t.deps.jobs.runDue()) > 0; round++);
    const events = at(hook.path).map((r) => verified(hook.secret, r));
    expect(events).toHaveLength(120);
    expect(new Set(at(hook.path).map((r) => r.headers["webhook-id"])).size).toBe(120);
    expect(events.every((e) => e.type === "invitation.created")).toBe(true);
  });

  it("refuses members and viewers, and URLs that are not http(s)", async () => {
    t.clock.set(new Date());
    const org = await t.setupOrg();
    const hook = await endpoint(org);
    for (const role of ["member", "viewer"] as const) {
      const who = await t.addMember(org, { role });
      const list = await t.request({
        method: "GET",
        url: orgUrl(org.orgId, "/webhook-endpoints"),
        cookie: who.cookie,
      });
      expectError(list, "FORBIDDEN");
      const create = await t.request({
        method: "POST",
        url: orgUrl(org.orgId, "/webhook-endpoints"),
        cookie: who.cookie,
        body: { url: `${base}/nope` },
      });
      expectError(create, "FORBIDDEN");
      const rotate = await t.request({
        method: "POST",
        url: orgUrl(org.orgId, `/webhook-endpoints/${hook.id}/rotate-secret`),
        cookie: who.cookie,
      });
      expectError(rotate, "FORBIDDEN");
    }
    for (const url of ["ftp://example.com/hook", "example.com/hook", "javascript:alert(1)"]) {
      const response = await t.request({
        method: "POST",
        url: orgUrl(org.orgId, "/webhook-endpoints"),
        cookie: org.admin.cookie,
        body: { url },
      });
      expect(expectError(response, "WEBHOOK_URL_INVALID").message).toMatch(/http/);
    }
    const removed = await t.request({
      method: "DELETE",
      url: orgUrl(org.orgId, `/webhook-endpoints/${hook.id}`),
      cookie: org.admin.cookie,
    });
    expectStatus(removed, 200);
    const gone = await t.request({
      method: "GET",
      url: orgUrl(org.orgId, `/webhook-endpoints/${hook.id}`),
      cookie: org.admin.cookie,
    });
    expectError(gone, "NOT_FOUND");
  });
});
