import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HostResolver, ResolvedAddress } from "../../src/services/context.js";
import { createInvitation, expectError, expectStatus, invitationAction, orgUrl } from "../harness/api.js";
import { createTestApp, type TestApp } from "../harness/app.js";

type Received = { path: string; headers: Record<string, string>; body: string };

let t: TestApp;
let server: Server;
let base: string;
const received: Received[] = [];
/** Status codes to answer on a path, in turn; 200 once they run out. */
const answers = new Map<string, number[]>();
/** Host names the test resolver knows; any other name fails like node:dns with ENOTFOUND. */
const names = new Map<string, ResolvedAddress[]>();
const lookups: string[] = [];
const testHosts: HostResolver = {
  async lookup(hostname) {
    lookups.push(hostname);
    const found = names.get(hostname);
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return found;
  },
};

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
      const answer = () => res.writeHead(status, { "content-type": "text/plain" }).end(`answered ${status}`);
      // "/slow…" answers after 2 s: longer than a short WEBHOOK_TIMEOUT_MS.
      if (path.startsWith("/slow")) setTimeout(answer, 2000).unref();
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  t = await createTestApp({ hosts: testHosts });
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

type DeliveryJson = {
  id: string;
  status: string;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  attemptLog: { statusCode: number | null; error: string | null }[];
};

async function deliveriesOf(app: TestApp, org: { orgId: string; admin: { cookie: string } }, id: string) {
  const response = await app.request({
    method: "GET",
    url: orgUrl(org.orgId, `/webhook-endpoints/${id}/deliveries`),
    cookie: org.admin.cookie,
  });
  expectStatus(response, 200);
  return (response.json() as { items: DeliveryJson[] }).items;
}

async function ping(app: TestApp, org: { orgId: string; admin: { cookie: string } }, id: string) {
  const response = await app.request({
    method: "POST",
    url: orgUrl(org.orgId, `/webhook-endpoints/${id}/test`),
    cookie: org.admin.cookie,
  });
  expectStatus(response, 202);
}

describe("webhooks: what the console's lists show", () => {
  it("each endpoint's last delivery, and when a pending delivery is tried next", async () => {
    const now = new Date();
    t.clock.set(now);
    const org = await t.setupOrg();
    const hook = await endpoint(org);
    const list = async () => {
      const response = await t.request({
        method: "GET",
        url: orgUrl(org.orgId, "/webhook-endpoints"),
        cookie: org.admin.cookie,
      });
      expectStatus(response, 200);
      return (response.json() as { items: { id: string; lastDelivery: unknown }[] }).items;
    };
    expect(await list()).toEqual([expect.objectContaining({ id: hook.id, lastDelivery: null })]);

    answers.set(hook.path, [503]);
    await ping(t, org, hook.id);
    const [queued] = await deliveriesOf(t, org, hook.id);
    expect(queued).toMatchObject({ status: "pending", attempts: 0, nextAttemptAt: now.toISOString() });
    await t.deps.jobs.runDue();
    const [retrying] = await deliveriesOf(t, org, hook.id);
    expect(retrying).toMatchObject({
      status: "pending",
      attempts: 1,
      lastError: "The endpoint answered HTTP 503.",
    });
    expect(Date.parse(retrying?.nextAttemptAt ?? "")).toBeGreaterThan(now.getTime());
    expect(await list()).toEqual([
      expect.objectContaining({
        id: hook.id,
        lastDelivery: expect.objectContaining({
          id: retrying?.id,
          eventType: "webhook.test",
          status: "pending",
          attempts: 1,
          lastStatusCode: 503,
        }),
      }),
    ]);

    t.clock.set(new Date(now.getTime() + 60 * 60 * 1000));
    await t.deps.jobs.runDue();
    const [done] = await deliveriesOf(t, org, hook.id);
    expect(done).toMatchObject({ status: "delivered", attempts: 2, nextAttemptAt: null });
    expect(await list()).toEqual([
      expect.objectContaining({
        lastDelivery: expect.objectContaining({ status: "delivered", lastStatusCode: 200 }),
      }),
    ]);
  });

  it("several endpoints: each shows its own newest delivery, one with none shows none, another org's are not listed", async () => {
    const start = Date.now();
    t.clock.set(new Date(start));
    const org = await t.setupOrg();
    const other = await t.setupOrg();
    const [a, b, quiet] = [await endpoint(org), await endpoint(org), await endpoint(org)];
    const elsewhere = await endpoint(other);
    answers.set(b.path, [500]);
    await ping(t, org, a.id);
    t.clock.set(new Date(start + 1_000));
    await ping(t, other, elsewhere.id);
    await ping(t, org, b.id);
    t.clock.set(new Date(start + 2_000));
    await ping(t, org, a.id);
    await t.deps.jobs.runDue();

    const [newestOfA, olderOfA] = await deliveriesOf(t, org, a.id);
    expect(olderOfA).toBeDefined();
    const [ofB] = await deliveriesOf(t, org, b.id);
    const response = await t.request({
      method: "GET",
      url: orgUrl(org.orgId, "/webhook-endpoints"),
      cookie: org.admin.cookie,
    });
    expectStatus(response, 200);
    const items = (response.json() as { items: { id: string; lastDelivery: { id: string } | null }[] }).items;
    const last = Object.fromEntries(items.map((item) => [item.id, item.lastDelivery]));
    expect(Object.keys(last).sort()).toEqual([a.id, b.id, quiet.id].sort());
    expect(last[a.id]).toMatchObject({ id: newestOfA?.id, status: "delivered", attempts: 1 });
    expect(last[b.id]).toMatchObject({ id: ofB?.id, status: "pending", attempts: 1, lastStatusCode: 500 });
    expect(last[quiet.id]).toBeNull();
  });

  it("connects to the address the resolver checked, not to what the system resolver says", async () => {
    t.clock.set(new Date());
    const org = await t.setupOrg();
    // .test never resolves through real DNS: the request can only arrive through the pinned address.
    const host = `receiver-${Date.now()}.gatehouse.test`;
    names.set(host, [{ address: "127.0.0.1", family: 4 }]);
    const { port } = new URL(base);
    const response = await t.request({
      method: "POST",
      url: orgUrl(org.orgId, "/webhook-endpoints"),
      cookie: org.admin.cookie,
      body: { url: `http://${host}:${port}/pinned` },
    });
    expectStatus(response, 201);
    const { endpoint: created, secret } = response.json() as { endpoint: { id: string }; secret: string };
    await ping(t, org, created.id);
    await t.deps.jobs.runDue();
    const [request] = at("/pinned");
    expect(request?.headers.host).toBe(`${host}:${port}`);
    expect(verified(secret, request as Received).type).toBe("webhook.test");
    expect(lookups).toContain(host);
  });
});

describe("webhooks: a receiver that does not answer in time", () => {
  it("logs the timeout and retries", async () => {
    const quick = await createTestApp({ env: { WEBHOOK_TIMEOUT_MS: "200" } });
    try {
      quick.clock.set(new Date());
      const org = await quick.setupOrg();
      const created = await quick.request({
        method: "POST",
        url: orgUrl(org.orgId, "/webhook-endpoints"),
        cookie: org.admin.cookie,
        body: { url: `${base}/slow/1` },
      });
      expectStatus(created, 201);
      const id = (created.json() as { endpoint: { id: string } }).endpoint.id;
      await ping(quick, org, id);
      await quick.deps.jobs.runDue();
      const [delivery] = await deliveriesOf(quick, org, id);
      expect(delivery).toMatchObject({
        status: "pending",
        attempts: 1,
        lastError: "No response within 200 ms (WEBHOOK_TIMEOUT_MS).",
      });
      expect(delivery?.nextAttemptAt).not.toBeNull();
    } finally {
      await quick.close();
    }
  });
});

describe("webhooks: SSRF protection (WEBHOOK_ALLOW_PRIVATE_URLS off)", () => {
  let strict: TestApp;
  beforeAll(async () => {
    strict = await createTestApp({ env: { WEBHOOK_ALLOW_PRIVATE_URLS: "false" }, hosts: testHosts });
  });
  afterAll(() => strict.close());

  it("refuses URLs to loopback, private, link-local and local names when saved, and says what to do", async () => {
    const org = await strict.setupOrg();
    const port = new URL(base).port;
    for (const url of [
      `${base}/hook`,
      `http://localhost:${port}/hook`,
      "http://2130706433/hook",
      "http://0x7f.1/hook",
      "http://[::1]/hook",
      "http://[::ffff:127.0.0.1]/hook",
      "http://169.254.169.254/latest/meta-data/",
      "http://10.0.0.7/hook",
      "http://172.20.1.1/hook",
      "http://192.168.0.10/hook",
      "http://100.64.0.1/hook",
      "http://[fd00::1]/hook",
      "http://[fe80::1]/hook",
      "http://0.0.0.0/hook",
      "http://224.0.0.1/hook",
      "http://metadata.google.internal/computeMetadata/v1/",
      "http://nas.local/hook",
    ]) {
      const response = await strict.request({
        method: "POST",
        url: orgUrl(org.orgId, "/webhook-endpoints"),
        cookie: org.admin.cookie,
        body: { url },
      });
      const error = expectError(response, "WEBHOOK_URL_NOT_PUBLIC");
      expect(error.message, url).toContain("WEBHOOK_ALLOW_PRIVATE_URLS=true");
    }
    const metadata = await strict.request({
      method: "POST",
      url: orgUrl(org.orgId, "/webhook-endpoints"),
      cookie: org.admin.cookie,
      body: { url: "http://169.254.169.254/latest/meta-data/" },
    });
    expect(expectError(metadata, "WEBHOOK_URL_NOT_PUBLIC").message).toMatch(
      /^169\.254\.169\.254 is a link-local address/,
    );

    const accepted = await strict.request({
      method: "POST",
      url: orgUrl(org.orgId, "/webhook-endpoints"),
      cookie: org.admin.cookie,
      body: { url: "https://hooks.example.com/gatehouse" },
    });
    expectStatus(accepted, 201);
    const id = (accepted.json() as { endpoint: { id: string } }).endpoint.id;
    const patched = await strict.request({
      method: "PATCH",
      url: orgUrl(org.orgId, `/webhook-endpoints/${id}`),
      cookie: org.admin.cookie,
      body: { url: "http://[::ffff:a9fe:a9fe]/" },
    });
    expectError(patched, "WEBHOOK_URL_NOT_PUBLIC");
    const list = await strict.request({
      method: "GET",
      url: orgUrl(org.orgId, "/webhook-endpoints"),
      cookie: org.admin.cookie,
    });
    expect((list.json() as { items: { url: string }[] }).items.map((e) => e.url)).toEqual([
      "https://hooks.example.com/gatehouse",
    ]);
  });

  it("refuses a delivery when ANY resolved address is not public: one failed attempt with the reason, no retries", async () => {
    const now = new Date();
    strict.clock.set(now);
    const org = await strict.setupOrg();
    const host = `rebind-${Date.now()}.example.com`;
    // A public address first and a private one after it: connecting could pick either.
    names.set(host, [
      { address: "93.184.215.14", family: 4 },
      { address: "10.0.0.5", family: 4 },
    ]);
    const created = await strict.request({
      method: "POST",
      url: orgUrl(org.orgId, "/webhook-endpoints"),
      cookie: org.admin.cookie,
      body: { url: `http://${host}/hook` },
    });
    expectStatus(created, 201);
    const id = (created.json() as { endpoint: { id: string } }).endpoint.id;
    const before = received.length;
    await ping(strict, org, id);
    await strict.deps.jobs.runDue();
    const [delivery] = await deliveriesOf(strict, org, id);
    expect(delivery).toMatchObject({ status: "failed", attempts: 1, nextAttemptAt: null });
    expect(delivery?.lastError).toBe(
      `Refused: ${host} resolves to 10.0.0.5, a private network address (RFC 1918). Use a public https:// URL, or set WEBHOOK_ALLOW_PRIVATE_URLS=true if your receiver is on your own network.`,
    );
    expect(delivery?.attemptLog).toEqual([
      expect.objectContaining({ statusCode: null, error: delivery?.lastError }),
    ]);

    // Nothing is left to retry, however long we wait.
    strict.clock.set(new Date(now.getTime() + 24 * 60 * 60 * 1000));
    expect(await strict.deps.jobs.runDue()).toBe(0);
    expect((await deliveriesOf(strict, org, id))[0]?.attempts).toBe(1);
    expect(received.length).toBe(before);

    // An IPv6-mapped loopback answer is refused the same way.
    names.set(host, [{ address: "::ffff:127.0.0.1", family: 6 }]);
    await ping(strict, org, id);
    await strict.deps.jobs.runDue();
    const [second] = await deliveriesOf(strict, org, id);
    expect(second?.lastError).toContain(
      `${host} resolves to ::ffff:127.0.0.1, an IPv6 form of a non-public IPv4 address`,
    );
    expect(received.length).toBe(before);
  });

  it("refuses at delivery an endpoint saved while private URLs were allowed", async () => {
    strict.clock.set(new Date());
    const org = await strict.setupOrg();
    strict.config.webhooks.allowPrivateUrls = true;
    let id: string;
    try {
      const created = await strict.request({
        method: "POST",
        url: orgUrl(org.orgId, "/webhook-endpoints"),
        cookie: org.admin.cookie,
        body: { url: `${base}/was-allowed` },
      });
      expectStatus(created, 201);
      id = (created.json() as { endpoint: { id: string } }).endpoint.id;
    } finally {
      strict.config.webhooks.allowPrivateUrls = false;
    }
    await ping(strict, org, id);
    await strict.deps.jobs.runDue();
    const [delivery] = await deliveriesOf(strict, org, id);
    expect(delivery).toMatchObject({ status: "failed", attempts: 1 });
    expect(delivery?.lastError).toMatch(/^Refused: 127\.0\.0\.1 is a loopback address \(this machine\)\./);
    expect(at("/was-allowed")).toHaveLength(0);
  });
});
