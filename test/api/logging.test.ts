import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/http/app.js";
import {
  cookieFrom,
  createTestApp,
  DEFAULT_PASSWORD,
  ORIGIN,
  type TestApp,
  tokenFromUrl,
} from "../harness/app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe("structured logs", () => {
  it("never contain a session token, an invitation token, a password or a cookie, even at trace level", async () => {
    let output = "";
    const stream = new Writable({
      write(chunk, _encoding, done) {
        output += chunk.toString();
        done();
      },
    });
    const app = await buildApp(t.deps, { log: { level: "trace", stream } });
    await app.ready();
    try {
      const org = await t.setupOrg({ plan: "business" });
      const login = await app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email: org.admin.email, password: DEFAULT_PASSWORD },
      });
      const cookie = cookieFrom(login);
      const invite = await app.inject({
        method: "POST",
        url: `/api/v1/orgs/${org.orgId}/invitations`,
        headers: { cookie, origin: ORIGIN, "idempotency-key": "log-test-key" },
        payload: { email: "logged@example.com", role: "member" },
      });
      expect(invite.statusCode).toBe(201);
      const token = tokenFromUrl(invite.json().inviteUrl);
      const accept = await app.inject({
        method: "POST",
        url: "/api/v1/invitations/accept",
        payload: { token, name: "Logged", password: "a secret password" },
      });
      expect(accept.statusCode).toBe(200);
      // A refused request is logged too.
      await app.inject({ method: "POST", url: "/api/v1/invitations/accept", payload: { token } });

      expect(output.length).toBeGreaterThan(0);
      const sessionToken = cookie.split("=")[1] as string;
      for (const secret of [
        sessionToken,
        token,
        DEFAULT_PASSWORD,
        "a secret password",
        cookieFrom(accept).split("=")[1] as string,
      ]) {
        expect(output).not.toContain(secret);
      }
      expect(output).not.toMatch(/gatehouse_session=/);
    } finally {
      await app.close();
    }
  });
});
