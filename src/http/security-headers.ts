import type { FastifyInstance } from "fastify";
import helmet from "helmet";
import type { Config } from "../config.js";

/**
 * Security headers, computed once. Pages (the console, the API docs) get helmet's full set with our
 * Content-Security-Policy; JSON API responses get only what matters for JSON — no sniffing, nothing
 * loaded, never framed, not cached — which keeps the decision API's responses small (it answers
 * thousands a second).
 */
export function registerSecurityHeaders(app: FastifyInstance, config: Pick<Config, "publicUrl">): void {
  const isHttps = config.publicUrl.protocol === "https:";
  const pageHeaders = captureHeaders(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          imgSrc: ["'self'", "data:"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          scriptSrc: ["'self'"],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
          upgradeInsecureRequests: isHttps ? [] : null,
        },
      },
      hsts: isHttps,
    }),
  );
  // OWASP's REST Security Cheat Sheet: a JSON response never loads anything and is never framed.
  const apiHeaders: Record<string, string> = {
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
    ...(isHttps && {
      "strict-transport-security": pageHeaders["strict-transport-security"] ?? "max-age=31536000",
    }),
  };
  app.addHook("onRequest", (request, reply, done) => {
    const url = request.url;
    const isApi = (url.startsWith("/api/") && !url.startsWith("/api/v1/docs")) || url.startsWith("/scim/");
    reply.headers(isApi ? apiHeaders : pageHeaders);
    done();
  });
}

/** Runs helmet's middleware once against a stand-in response and keeps the headers it sets. */
function captureHeaders(middleware: ReturnType<typeof helmet>): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  middleware({ headers: {} } as never, response as never, () => {});
  return headers;
}
