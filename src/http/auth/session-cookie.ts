import type {} from "@fastify/cookie";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../../config.js";

/**
 * Under https the cookie takes the `__Host-` prefix, which browsers accept only with Secure, Path=/
 * and no Domain: a sibling subdomain cannot plant or overwrite it.
 */
export function sessionCookieName(config: Pick<Config, "publicUrl">): string {
  return config.publicUrl.protocol === "https:" ? "__Host-gatehouse_session" : "gatehouse_session";
}

export function readSessionToken(request: FastifyRequest, config: Pick<Config, "publicUrl">): string | null {
  return request.cookies[sessionCookieName(config)] ?? null;
}

export function setSessionCookie(
  reply: FastifyReply,
  config: Pick<Config, "publicUrl">,
  session: { token: string; expiresAt: string },
): void {
  reply.setCookie(sessionCookieName(config), session.token, {
    httpOnly: true,
    sameSite: "lax",
    secure: config.publicUrl.protocol === "https:",
    path: "/",
    expires: new Date(session.expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Pick<Config, "publicUrl">): void {
  reply.clearCookie(sessionCookieName(config), {
    httpOnly: true,
    sameSite: "lax",
    secure: config.publicUrl.protocol === "https:",
    path: "/",
  });
}
