import { parseCookie, type SetCookie, stringifySetCookie } from "cookie";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../../config.js";

// The session cookie is the only cookie Gatehouse reads or writes, so it is handled here rather than
// by a cookie plugin, whose hooks would parse and serialize on every request, the decision API's
// included (which is called with an API key, never a cookie).

/**
 * Under https the cookie takes the `__Host-` prefix, which browsers accept only with Secure, Path=/
 * and no Domain: a sibling subdomain cannot plant or overwrite it.
 */
export function sessionCookieName(config: Pick<Config, "publicUrl">): string {
  return config.publicUrl.protocol === "https:" ? "__Host-gatehouse_session" : "gatehouse_session";
}

export function readSessionToken(request: FastifyRequest, config: Pick<Config, "publicUrl">): string | null {
  const header = request.headers.cookie;
  if (header === undefined) return null;
  return parseCookie(header)[sessionCookieName(config)] ?? null;
}

export function setSessionCookie(
  reply: FastifyReply,
  config: Pick<Config, "publicUrl">,
  session: { token: string; expiresAt: string },
): void {
  setCookie(reply, config, session.token, new Date(session.expiresAt));
}

/** An empty value that expired at the epoch: the browser drops the cookie. */
export function clearSessionCookie(reply: FastifyReply, config: Pick<Config, "publicUrl">): void {
  setCookie(reply, config, "", new Date(0));
}

function setCookie(
  reply: FastifyReply,
  config: Pick<Config, "publicUrl">,
  value: string,
  expires: Date,
): void {
  const cookie: SetCookie = {
    name: sessionCookieName(config),
    value,
    httpOnly: true,
    sameSite: "lax",
    secure: config.publicUrl.protocol === "https:",
    path: "/",
    expires,
  };
  // One Set-Cookie per cookie name (RFC 6265 4.1.1): a session renewed by the guard and then ended by
  // the route is sent once, as ended. Any other cookie already set is kept.
  const prefix = `${cookie.name}=`;
  const set = reply.getHeader("set-cookie");
  const others = (Array.isArray(set) ? set : set === undefined ? [] : [String(set)]).filter(
    (value) => !value.startsWith(prefix),
  );
  reply.removeHeader("set-cookie");
  reply.header("set-cookie", [...others, stringifySetCookie(cookie)]);
}
