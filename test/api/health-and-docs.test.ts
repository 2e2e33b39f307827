import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError, expectStatus } from "../harness/api.js";
import { createTestApp, type TestApp } from "../harness/app.js";
import { createTestDatabase } from "../harness/database.js";

/** The contract's routes (issue 2), with OpenAPI's {param} spelling. */
const CONTRACT: [string, string][] = [
  ["post", "/api/v1/auth/login"],
  ["post", "/api/v1/auth/logout"],
  ["get", "/api/v1/me"],
  ["get", "/api/v1/setup"],
  ["post", "/api/v1/setup"],
  ["get", "/api/v1/orgs/{orgId}"],
  ["patch", "/api/v1/orgs/{orgId}"],
  ["get", "/api/v1/orgs/{orgId}/members"],
  ["patch", "/api/v1/orgs/{orgId}/members/{userId}"],
  ["delete", "/api/v1/orgs/{orgId}/members/{userId}"],
  ["get", "/api/v1/orgs/{orgId}/teams"],
  ["post", "/api/v1/orgs/{orgId}/teams"],
  ["get", "/api/v1/orgs/{orgId}/teams/{teamId}/members"],
  ["post", "/api/v1/orgs/{orgId}/teams/{teamId}/members"],
  ["patch", "/api/v1/orgs/{orgId}/teams/{teamId}/members/{userId}"],
  ["delete", "/api/v1/orgs/{orgId}/teams/{teamId}/members/{userId}"],
  ["post", "/api/v1/orgs/{orgId}/invitations"],
  ["get", "/api/v1/orgs/{orgId}/invitations"],
  ["get", "/api/v1/orgs/{orgId}/invitations/{invitationId}/history"],
  ["patch", "/api/v1/orgs/{orgId}/invitations/{invitationId}"],
  ["post", "/api/v1/orgs/{orgId}/invitations/{invitationId}/resend"],
  ["post", "/api/v1/orgs/{orgId}/invitations/{invitationId}/extend"],
  ["post", "/api/v1/orgs/{orgId}/invitations/{invitationId}/revoke"],
  ["post", "/api/v1/invitations/preview"],
  ["post", "/api/v1/invitations/accept"],
];
const PUBLIC = new Set([
  "/api/v1/auth/login",
  "/api/v1/auth/logout",
  "/api/v1/setup",
  "/api/v1/invitations/preview",
  "/api/v1/invitations/accept",
]);

/** "METHOD /full/path" for each route in Fastify's printRoutes tree (HEAD left out). */
function servedRoutes(tree: string): string[] {
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split("\n")) {
    const match = /^([│ ]*)[├└]── (.+?) \(([^)]+)\)$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? "").length / 4;
    stack.length = depth;
    const path = (stack[depth - 1] ?? "") + (match[2] ?? "");
    stack.push(path);
    for (const method of (match[3] ?? "").split(", "))
      if (method !== "HEAD") routes.push(`${method} ${path}`);
  }
  return routes;
}

type OpenApi = {
  openapi: string;
  paths: Record<string, Record<string, { security?: unknown[]; responses?: Record<string, unknown> }>>;
};

describe("health, metrics and API docs", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it("GET /healthz and /readyz answer without credentials", async () => {
    const health = await t.request({ method: "GET", url: "/healthz" });
    expectStatus(health, 200);
    expect(health.json()).toEqual({ status: "ok" });
    const ready = await t.request({ method: "GET", url: "/readyz" });
    expectStatus(ready, 200);
    expect(ready.json()).toEqual({ status: "ready" });
  });

  it("GET /metrics is Prometheus text with request timings by route", async () => {
    await t.request({ method: "GET", url: "/healthz" });
    const response = await t.request({ method: "GET", url: "/metrics" });
    expectStatus(response, 200);
    expect(response.headers["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.body).toMatch(/^# HELP /m);
    expect(response.body).toMatch(/^# TYPE gatehouse_http_request_duration_seconds histogram$/m);
    expect(response.body).toMatch(
      /gatehouse_http_request_duration_seconds_count\{[^}]*route="\/healthz"[^}]*\} \d+/,
    );
  });

  it("request timings are a well-formed histogram: cumulative buckets, +Inf equal to the count", async () => {
    for (let i = 0; i < 3; i++) await t.request({ method: "GET", url: "/readyz" });
    const body = (await t.request({ method: "GET", url: "/metrics" })).body;
    const series = (suffix: string) =>
      body
        .split("\n")
        .filter((line) => line.startsWith(`gatehouse_http_request_duration_seconds_${suffix}{`))
        .filter((line) => line.includes('route="/readyz"') && line.includes('status="200"'))
        .map((line) => Number(line.split(" ").at(-1)));
    const buckets = series("bucket");
    expect(buckets).toHaveLength(13);
    expect(buckets).toEqual([...buckets].sort((a, b) => a - b));
    const [count] = series("count");
    expect(count).toBeGreaterThanOrEqual(3);
    expect(buckets.at(-1)).toBe(count);
    expect(series("sum")[0]).toBeGreaterThan(0);
  });

  it("GET /api/v1/openapi.json is OpenAPI 3.1.0 and lists every route of the contract", async () => {
    const response = await t.request({ method: "GET", url: "/api/v1/openapi.json" });
    expectStatus(response, 200);
    const doc = response.json() as OpenApi;
    expect(doc.openapi).toBe("3.1.0");
    for (const [method, path] of CONTRACT) {
      const operation = doc.paths[path]?.[method];
      expect(operation, `${method.toUpperCase()} ${path}`).toBeDefined();
      // Routes behind a session say so; public ones do not.
      expect(Boolean(operation?.security), `${method} ${path} security`).toBe(!PUBLIC.has(path));
    }
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m} ${path}`),
    );
    for (const entry of documented) expect(entry).toMatch(/ \/api\/v1\//);
  });

  it("every /api/v1 route the app serves is in the OpenAPI document, and nothing else", async () => {
    const doc = (await t.request({ method: "GET", url: "/api/v1/openapi.json" })).json() as OpenApi;
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const served = servedRoutes(t.app.printRoutes({ commonPrefix: false }))
      .filter((r) => / \/api\/v1\//.test(r) && !/ \/api\/v1\/(docs|openapi\.json)/.test(r))
      .map((r) => r.replace(/:(\w+)/g, "{$1}"));
    expect(served.length).toBeGreaterThanOrEqual(CONTRACT.length);
    expect([...documented].sort()).toEqual([...served].sort());
  });

  it("GET /api/v1/docs serves the HTML docs page", async () => {
    const response = await t.request({ method: "GET", url: "/api/v1/docs" });
    expectStatus(response, 200);
    expect(response.headers["content-type"]).toMatch(/^text\/html/);
    expect(response.body).toMatch(/<html/i);
  });

  it("GET /readyz is 503 SERVICE_UNAVAILABLE when the database is gone", async () => {
    const database = await createTestDatabase();
    const broken = await createTestApp({ database: { ...database, drop: async () => {} } });
    try {
      await broken.deps.close();
      expectError(await broken.request({ method: "GET", url: "/readyz" }), "SERVICE_UNAVAILABLE");
      expectStatus(await broken.request({ method: "GET", url: "/healthz" }), 200);
    } finally {
      await broken.app.close();
      await database.drop();
    }
  });
});
