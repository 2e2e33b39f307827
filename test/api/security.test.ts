import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EMAIL_TEMPLATE_KINDS } from "../../src/domain/email-templates.js";
import {
  acceptInvitation,
  createInvitation,
  expectError,
  expectStatus,
  getMe,
  getOrg,
  invitationUrl,
  orgUrl,
  previewInvitation,
  type Response,
} from "../harness/api.js";
import {
  createTestApp,
  DEFAULT_PASSWORD,
  ORIGIN,
  type OrgFixture,
  type TestApp,
  uniqueEmail,
} from "../harness/app.js";

describe("security", () => {
  let t: TestApp;
  let org: OrgFixture;

  beforeAll(async () => {
    t = await createTestApp();
    org = await t.setupOrg({ plan: "business", name: "Acme" });
  });
  afterAll(() => t.close());

  describe("CSRF: cookie-authenticated writes must come from PUBLIC_URL's origin", () => {
    const FOREIGN = [
      null,
      "http://evil.example",
      "null",
      "https://gatehouse.test",
      "http://gatehouse.test:8080",
      "http://sub.gatehouse.test",
    ];

    it.each(FOREIGN)(
      "a forged PATCH from origin %s is refused with ORIGIN_MISMATCH and changes nothing",
      async (origin) => {
        const response = await t.request({
          method: "PATCH",
          url: orgUrl(org.orgId),
          cookie: org.admin.cookie,
          origin,
          body: { name: "Pwned" },
        });
        expectError(response, "ORIGIN_MISMATCH");
        expect((await getOrg(t, org)).json().name).toBe("Acme");
      },
    );

    it("a forged POST cannot create an invitation for the attacker", async () => {
      const email = uniqueEmail("attacker");
      for (const origin of [null, "http://evil.example"]) {
        const response = await t.request({
          method: "POST",
          url: orgUrl(org.orgId, "/invitations"),
          cookie: org.admin.cookie,
          origin,
          body: { email, role: "admin" },
        });
        expectError(response, "ORIGIN_MISMATCH");
      }
      const rows = await t.deps.db
        .selectFrom("invitations")
        .select("id")
        .where("email", "=", email)
        .execute();
      expect(rows).toHaveLength(0);
    });

    it("a forged DELETE cannot remove a member", async () => {
      const person = await t.addMember(org, { role: "member" });
      const url = orgUrl(org.orgId, `/members/${person.userId}`);
      expectError(
        await t.request({ method: "DELETE", url, cookie: org.admin.cookie, origin: null }),
        "ORIGIN_MISMATCH",
      );
      expectError(
        await t.request({ method: "DELETE", url, cookie: org.admin.cookie, origin: "http://evil.example" }),
        "ORIGIN_MISMATCH",
      );
      expectStatus(await getMe(t, person.cookie), 200);
      expectStatus(await t.request({ method: "DELETE", url, cookie: org.admin.cookie, origin: ORIGIN }), 204);
    });

    it("a forged accept cannot make the signed-in victim join the attacker's org", async () => {
      const victim = await t.setupOrg({ plan: "team" });
      const { token } = await createInvitation(t, org, { email: victim.admin.email });
      const forged = await acceptInvitation(t, { token }, null);
      expectError(forged, "ACCOUNT_EXISTS");
      const withCookie = await t.request({
        method: "POST",
        url: "/api/v1/invitations/accept",
        cookie: victim.admin.cookie,
        origin: "http://evil.example",
        body: { token },
      });
      expectError(withCookie, "ORIGIN_MISMATCH");
      expect((await previewInvitation(t, token)).json().status).toBe("pending");
    });

    it("a forged logout or login is refused; a login from no origin (a script) or the right one works", async () => {
      const logout = await t.request({
        method: "POST",
        url: "/api/v1/auth/logout",
        cookie: org.admin.cookie,
        origin: null,
      });
      expectError(logout, "ORIGIN_MISMATCH");
      expectStatus(await getMe(t, org.admin.cookie), 200);
      const login = (origin: string | null) =>
        t.request({
          method: "POST",
          url: "/api/v1/auth/login",
          origin,
          body: { email: org.admin.email, password: DEFAULT_PASSWORD },
        });
      expectError(await login("http://evil.example"), "ORIGIN_MISMATCH");
      expectStatus(await login(null), 200);
      expectStatus(await login(ORIGIN), 200);
    });

    it("reads need no Origin, and writes from the right origin go through", async () => {
      expectStatus(
        await t.request({ method: "GET", url: orgUrl(org.orgId), cookie: org.admin.cookie, origin: null }),
        200,
      );
      const ok = await t.request({
        method: "PATCH",
        url: orgUrl(org.orgId),
        cookie: org.admin.cookie,
        origin: ORIGIN,
        body: { name: "Acme" },
      });
      expectStatus(ok, 200);
    });
  });

  describe("input validation", () => {
    const post = (url: string, payload: string, contentType: string, cookie = org.admin.cookie) =>
      t.app.inject({
        method: "POST",
        url,
        payload,
        headers: { cookie, origin: ORIGIN, "content-type": contentType },
      });
    const invitationsUrl = () => orgUrl(org.orgId, "/invitations");

    it("malformed JSON is VALIDATION_FAILED", async () => {
      expectError(
        await post(invitationsUrl(), '{"email": "a@example.com",', "application/json"),
        "VALIDATION_FAILED",
      );
      expectError(await post("/api/v1/auth/login", "{", "application/json", ""), "VALIDATION_FAILED");
    });

    it("a JSON body that is not an object is VALIDATION_FAILED", async () => {
      for (const payload of ["[]", '"text"', "42", "null"]) {
        expectError(await post(invitationsUrl(), payload, "application/json"), "VALIDATION_FAILED");
      }
    });

    it.each([
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/xml",
    ])("a body sent as %s is refused with 415 UNSUPPORTED_MEDIA_TYPE", async (contentType) => {
      const payload = contentType.startsWith("application/x-www")
        ? "email=a%40example.com&role=member"
        : '{"email":"a@example.com","role":"member"}';
      expectError(await post(invitationsUrl(), payload, contentType), "UNSUPPORTED_MEDIA_TYPE");
      expectError(
        await post("/api/v1/invitations/preview", payload, contentType, ""),
        "UNSUPPORTED_MEDIA_TYPE",
      );
    });

    it("a body over 1 MiB is 413 PAYLOAD_TOO_LARGE", async () => {
      const payload = JSON.stringify({
        email: "a@example.com",
        role: "member",
        message: "x".repeat(1_100_000),
      });
      expectError(await post(invitationsUrl(), payload, "application/json"), "PAYLOAD_TOO_LARGE");
    });

    it("prototype pollution keys are refused", async () => {
      const payload = '{"email":"p@example.com","role":"member","__proto__":{"role":"admin"}}';
      expectError(await post(invitationsUrl(), payload, "application/json"), "VALIDATION_FAILED");
      const ctor = '{"email":"p@example.com","role":"member","constructor":{"prototype":{"x":1}}}';
      expectError(await post(invitationsUrl(), ctor, "application/json"), "VALIDATION_FAILED");
    });

    /** The issues of a VALIDATION_FAILED answer, by field. */
    const issuesOf = (r: Response) => r.json().error.details.issues as { path: string; message: string }[];

    it("errors name the field that is wrong, missing or unknown", async () => {
      const invite = (body: unknown) =>
        t.request({ method: "POST", url: invitationsUrl(), cookie: org.admin.cookie, body });
      const missing = await invite({ role: "member" });
      expectError(missing, "VALIDATION_FAILED");
      expect(issuesOf(missing)).toEqual([{ path: "body.email", message: "is required" }]);
      expect(missing.json().error.message).toBe(
        "The request is not valid (body.email: is required). Fix the field and try again.",
      );
      expect(issuesOf(await invite({ email: uniqueEmail(), role: "root" }))).toEqual([
        { path: "body.role", message: "must be one of: viewer, member, admin" },
      ]);
      expect(issuesOf(await invite({ email: uniqueEmail(), role: "member", expiresInDays: "7" }))).toEqual([
        { path: "body.expiresInDays", message: "must be a number, not a string" },
      ]);
      expect(issuesOf(await invite({ email: uniqueEmail(), role: "member", isOwner: true }))).toEqual([
        { path: "body", message: "unknown field(s): isOwner" },
      ]);
      const query = await t.request({
        method: "GET",
        url: `${invitationsUrl()}?limit=0`,
        cookie: org.admin.cookie,
      });
      expect(issuesOf(query)).toEqual([{ path: "querystring.limit", message: "must be at least 1" }]);
    });

    it("the decision API's compiled validators name a wrong field in the same words as every other route", async () => {
      const check = (body: unknown) =>
        t.request({ method: "POST", url: orgUrl(org.orgId, "/check"), cookie: org.admin.cookie, body });
      const missing = await check({ resource: { type: "org" } });
      expectError(missing, "VALIDATION_FAILED");
      // Ajv reports a missing field at its parent ("must have required property 'action'").
      expect(issuesOf(missing)).toEqual([{ path: "body.action", message: "is required" }]);
      expect(issuesOf(await check({ action: 5, resource: { type: "org" } }))).toEqual([
        { path: "body.action", message: "must be a string" },
      ]);
      expect(
        issuesOf(
          await check({
            action: "agents:create",
            resource: { type: "org" },
            subject: { type: "robot", id: "x" },
          }),
        ),
      ).toEqual([{ path: "body.subject.type", message: "must be one of: user, team" }]);
      const batch = await t.request({
        method: "POST",
        url: orgUrl(org.orgId, "/check/batch"),
        cookie: org.admin.cookie,
        body: { checks: [{ action: "agents:create", resource: { type: "org" }, extra: 1 }] },
      });
      expect(issuesOf(batch)).toEqual([{ path: "body.checks.0", message: "unknown field(s): extra" }]);
    });

    it.each([
      ["orgId", () => orgUrl("not-a-uuid")],
      ["userId", () => orgUrl(org.orgId, "/members/123")],
      ["teamId", () => orgUrl(org.orgId, "/teams/abc/members")],
      ["invitationId", () => invitationUrl(org.orgId, "0190a000-0000-7000-8000-00000000000", "/history")],
    ])("a malformed %s in the URL is 400 VALIDATION_FAILED", async (_name, url) => {
      const method = url().includes("/members/") ? "DELETE" : "GET";
      const response = await t.request({ method, url: url(), cookie: org.admin.cookie });
      expectError(response, "VALIDATION_FAILED");
    });

    it("bodies of routes that take none are refused when they carry fields", async () => {
      const { invitation } = await createInvitation(t, org);
      for (const action of ["resend", "revoke"]) {
        const response = await t.request({
          method: "POST",
          url: invitationUrl(org.orgId, invitation.id, `/${action}`),
          cookie: org.admin.cookie,
          body: { expiresInDays: 30 },
        });
        expect(expectError(response, "VALIDATION_FAILED").message).toContain("expiresInDays");
      }
      expect((await previewInvitation(t, (await createInvitation(t, org)).token)).statusCode).toBe(200);
      const logout = await t.request({
        method: "POST",
        url: "/api/v1/auth/logout",
        cookie: org.admin.cookie,
        body: { all: true },
      });
      expectError(logout, "VALIDATION_FAILED");
      expectStatus(await getMe(t, org.admin.cookie), 200);
    });

    it("unknown query parameters are refused", async () => {
      const get = (url: string) => t.request({ method: "GET", url, cookie: org.admin.cookie });
      expectError(await get(`${orgUrl(org.orgId)}?include=secrets`), "VALIDATION_FAILED");
      expectError(await get(`${orgUrl(org.orgId, "/teams")}?all=1`), "VALIDATION_FAILED");
      expectError(await get("/api/v1/me?debug=1"), "VALIDATION_FAILED");
      expectStatus(await get(orgUrl(org.orgId)), 200);
    });

    it("an unknown API route is a JSON 404, not the console", async () => {
      const response = await t.request({
        method: "GET",
        url: "/api/v1/secrets",
        headers: { accept: "text/html" },
      });
      expectError(response, "NOT_FOUND");
    });
  });

  describe("every organization route checks who is asking", () => {
    /** Each path and its methods, from Fastify's route tree (`printRoutes`), HEAD routes included. */
    function routesOf(tree: string): { path: string; methods: string[] }[] {
      const routes: { path: string; methods: string[] }[] = [];
      const stack: string[] = [];
      for (const line of tree.split("\n")) {
        const match = /^((?:│ {3}| {4})*)(?:├── |└── )(\S+)(?: \(([^)]*)\))?$/.exec(line);
        if (!match) continue;
        const depth = (match[1] ?? "").length / 4;
        stack.length = depth;
        stack.push(match[2] ?? "");
        if (match[3]) routes.push({ path: stack.join(""), methods: match[3].split(", ") });
      }
      return routes;
    }

    it("GET and HEAD on every org route: 401 without credentials, 404 for a member of another org", async () => {
      const other = await t.setupOrg({ plan: "business", name: "Elsewhere" });
      const reads = routesOf(t.app.printRoutes({ commonPrefix: false }))
        .filter((r) => r.path.startsWith("/api/v1/orgs/:orgId"))
        .flatMap((r) =>
          r.methods.filter((m) => m === "GET" || m === "HEAD").map((method) => ({ ...r, method })),
        );
      expect(reads.length).toBeGreaterThan(40);
      expect(reads.filter((r) => r.method === "HEAD").length).toBe(reads.length / 2);
      for (const route of reads) {
        // Parameters that pass validation, so that only who is asking decides the answer.
        const url = route.path
          .replace(":orgId", org.orgId)
          .replace(":kind", EMAIL_TEMPLATE_KINDS[0])
          .replace(/:(?:[A-Za-z]+Id|id)\b/g, () => crypto.randomUUID());
        expect(url, `${route.path}: a parameter the test cannot fill`).not.toMatch(/\/:/);
        const method = route.method as "GET" | "HEAD";
        const anonymous = await t.request({ method, url });
        expect(anonymous.statusCode, `${method} ${route.path} without credentials`).toBe(401);
        const outsider = await t.request({ method, url, cookie: other.admin.cookie });
        expect(outsider.statusCode, `${method} ${route.path} as another org's admin`).toBe(404);
      }
    });
  });

  describe("headers", () => {
    it("API responses carry the hardening headers and no framework fingerprint", async () => {
      const response = await getMe(t, org.admin.cookie);
      expect(response.headers["x-content-type-options"]).toBe("nosniff");
      expect(response.headers["x-frame-options"]).toBe("DENY");
      expect(response.headers["referrer-policy"]).toBe("no-referrer");
      expect(response.headers["cache-control"]).toBe("no-store");
      expect(String(response.headers["content-security-policy"])).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
      expect(response.headers["x-powered-by"]).toBeUndefined();
      expect(response.headers["strict-transport-security"]).toBeUndefined();
      expect(response.headers["access-control-allow-origin"]).toBeUndefined();
      expect(response.headers["content-type"]).toMatch(/^application\/json/);
    });

    it("errors carry the same headers and no stack traces", async () => {
      const response = await t.request({
        method: "GET",
        url: orgUrl(org.orgId),
        cookie: "gatehouse_session=forged",
      });
      expectError(response, "UNAUTHENTICATED");
      expect(response.headers["x-content-type-options"]).toBe("nosniff");
      expect(response.body).not.toMatch(/at .*\.ts:\d+/);
      expect(Object.keys(response.json().error).sort()).toEqual(["code", "message"]);
    });
  });
});
