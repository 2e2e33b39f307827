import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { clearSessionCookie, readSessionToken, setSessionCookie } from "./session-cookie.js";

const http = { publicUrl: new URL("http://localhost:3000") };
const https = { publicUrl: new URL("https://gatehouse.example.com") };
const session = { token: "tok_abc", expiresAt: "2030-01-02T03:04:05.000Z" };

describe("session cookie", () => {
  it("reads the session token from the Cookie header among other cookies, or null", async () => {
    const app = Fastify();
    app.get("/", async (request) => ({ token: readSessionToken(request, http) }));
    const read = async (cookie?: string) =>
      (await app.inject({ url: "/", ...(cookie !== undefined && { headers: { cookie } }) })).json().token;
    expect(await read("a=1; gatehouse_session=tok_abc; b=2")).toBe("tok_abc");
    expect(await read("a=1")).toBeNull();
    expect(await read()).toBeNull();
    // Under https only the __Host- cookie counts: a plain one may have been planted by a subdomain.
    const secure = Fastify();
    secure.get("/", async (request) => ({ token: readSessionToken(request, https) }));
    const headers = { cookie: "gatehouse_session=planted; __Host-gatehouse_session=real" };
    expect((await secure.inject({ url: "/", headers })).json().token).toBe("real");
  });

  it("sets HttpOnly, SameSite=Lax, Path=/ and the expiry; Secure with the __Host- prefix under https", async () => {
    const app = Fastify();
    app.get("/http", async (_request, reply) => {
      setSessionCookie(reply, http, session);
      return {};
    });
    app.get("/https", async (_request, reply) => {
      setSessionCookie(reply, https, session);
      return {};
    });
    expect((await app.inject({ url: "/http" })).headers["set-cookie"]).toEqual([
      "gatehouse_session=tok_abc; Path=/; Expires=Wed, 02 Jan 2030 03:04:05 GMT; HttpOnly; SameSite=Lax",
    ]);
    expect((await app.inject({ url: "/https" })).headers["set-cookie"]).toEqual([
      "__Host-gatehouse_session=tok_abc; Path=/; Expires=Wed, 02 Jan 2030 03:04:05 GMT; HttpOnly; Secure; SameSite=Lax",
    ]);
  });

  it("sends one Set-Cookie per response for the session (the last one written) and keeps other cookies", async () => {
    const app = Fastify();
    app.get("/", async (_request, reply) => {
      reply.header("set-cookie", "theme=dark; Path=/");
      setSessionCookie(reply, http, session); // e.g. the guard renews the session...
      clearSessionCookie(reply, http); // ...and the route signs out
      return {};
    });
    expect((await app.inject({ url: "/" })).headers["set-cookie"]).toEqual([
      "theme=dark; Path=/",
      "gatehouse_session=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax",
    ]);
  });
});
