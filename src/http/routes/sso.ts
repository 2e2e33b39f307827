import { z } from "zod";
import { AppError } from "../../domain/errors.js";
import { completeSsoLogin } from "../../services/sso/complete-sso-login.js";
import { removeOidcConnection } from "../../services/sso/delete-oidc-connection.js";
import { discoverSsoForEmail } from "../../services/sso/discover-sso-for-email.js";
import { getOidcConnection } from "../../services/sso/get-oidc-connection.js";
import { setOidcConnection } from "../../services/sso/set-oidc-connection.js";
import { startSsoLogin, startSsoTestLogin } from "../../services/sso/start-sso-login.js";
import { serviceContext } from "../auth/guard.js";
import { orgRoute, publicRoute } from "../auth/route-auth.js";
import { setSessionCookie } from "../auth/session-cookie.js";
import { errorResponse, id, noBody, noQuery, okResponse, orgParams, orgRole } from "../schemas/common.js";
import { type RouteModule, typed } from "./types.js";

const connectionView = z.object({
  issuer: z.string(),
  clientId: z.string(),
  clientSecretSet: z.literal(true).describe("The secret is write-only: it is never returned"),
  scopes: z.array(z.string()),
  defaultRole: orgRole,
  groupsClaim: z.string(),
  enabled: z.boolean(),
  redirectUri: z.string().describe("Register this redirect URI with the identity provider"),
  loginUrl: z.string().describe("A link that starts SSO sign-in for this organization"),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const connectionBody = z.strictObject({
  issuer: z.string().trim().min(1).max(512).describe("The IdP's issuer URL (https)"),
  clientId: z.string().trim().min(1).max(256),
  clientSecret: z
    .string()
    .min(1)
    .max(1024)
    .optional()
    .describe("Required when creating; omit to keep the stored secret. Never returned."),
  scopes: z
    .array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, "must be a scope token without spaces"))
    .max(20)
    .default(["openid", "email", "profile"]),
  defaultRole: orgRole.default("member").describe("Role of people provisioned at first sign-in"),
  groupsClaim: z.string().trim().min(1).max(128).default("groups"),
  enabled: z.boolean().default(true),
});

const redirectResponse = z.null().describe("Redirect (302) to the Location header");

/** Where the console shows an SSO failure with what to do next. */
function errorPage(error: unknown): string {
  const appError = error instanceof AppError ? error : new AppError("INTERNAL");
  const query = new URLSearchParams({ code: appError.code, message: appError.message });
  return `/sso/error?${query.toString()}`;
}

/** OIDC single sign-on: the org's connection (admins) and the sign-in flow (anyone). */
export const ssoRoutes: RouteModule = (app, deps) => {
  const r = typed(app);

  r.get(
    "/api/v1/orgs/:orgId/sso/oidc",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["SSO"],
        summary: "The org's OIDC connection (never its secret)",
        description: "Needs sso:configure (admins). SSO_NOT_CONFIGURED (404) when there is none.",
        params: orgParams,
        querystring: noQuery,
        response: { 200: connectionView, default: errorResponse },
      },
    },
    (request) => getOidcConnection(serviceContext(request, deps), request.params),
  );

  r.put(
    "/api/v1/orgs/:orgId/sso/oidc",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["SSO"],
        summary: "Create or replace the org's OIDC connection",
        description:
          "Runs discovery on the issuer first (/.well-known/openid-configuration); SSO_DISCOVERY_FAILED (422) when it cannot be read or reports another issuer. The client secret is sealed and write-only. Needs sso:configure.",
        params: orgParams,
        body: connectionBody,
        response: { 200: connectionView, default: errorResponse },
      },
    },
    (request) => setOidcConnection(serviceContext(request, deps), { ...request.params, ...request.body }),
  );

  r.delete(
    "/api/v1/orgs/:orgId/sso/oidc",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["SSO"],
        summary: "Remove the org's OIDC connection",
        description: "Identities are kept, so reconnecting the same IdP keeps everyone's account.",
        params: orgParams,
        body: noBody,
        response: { 200: okResponse, default: errorResponse },
      },
    },
    async (request) => {
      await removeOidcConnection(serviceContext(request, deps), request.params);
      return { ok: true as const };
    },
  );

  r.post(
    "/api/v1/orgs/:orgId/sso/oidc/test",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["SSO"],
        summary: "Start a test login (reports the claims; signs nobody in)",
        description:
          "Open redirectTo in the same browser. The IdP returns to the callback, which sends the admin back to the SSO settings with the claims received in the URL fragment. Needs sso:configure.",
        params: orgParams,
        body: noBody,
        response: { 200: z.object({ redirectTo: z.string() }), default: errorResponse },
      },
    },
    (request) => startSsoTestLogin(serviceContext(request, deps), request.params),
  );

  r.get(
    "/api/v1/sso/:orgId/start",
    {
      config: { auth: publicRoute("auth") },
      schema: {
        tags: ["SSO"],
        summary: "Start SSO sign-in for an organization (redirects to the IdP)",
        description:
          "Authorization code flow with PKCE (S256), state and nonce. returnTo: a same-origin path to land on afterwards. Failures redirect to the console's /sso/error page.",
        params: z.strictObject({ orgId: id }),
        querystring: z.strictObject({
          returnTo: z.string().max(2048).optional(),
          loginHint: z
            .string()
            .max(320)
            .optional()
            .describe("The person's email: passed to the provider as login_hint (ignored unless an email)"),
        }),
        response: { 302: redirectResponse },
      },
    },
    async (request, reply) => {
      try {
        const { redirectTo } = await startSsoLogin(deps, {
          orgId: request.params.orgId,
          returnTo: request.query.returnTo,
          loginHint: request.query.loginHint,
        });
        return reply.redirect(redirectTo, 302);
      } catch (error) {
        request.log.info({ err: error }, "sso start refused");
        return reply.redirect(errorPage(error), 302);
      }
    },
  );

  r.post(
    "/api/v1/auth/sso/discover",
    {
      config: { auth: publicRoute("auth") },
      schema: {
        tags: ["SSO"],
        summary: "Find where to sign in with SSO for an email (home-realm discovery)",
        description:
          "The org that has verified the email's domain (subdomains only when the domain allows them) and has an enabled OIDC connection. Navigate the browser to redirectTo: the start route, which passes the email to the provider as login_hint. SSO_NOT_AVAILABLE (404) otherwise, the same answer whatever the reason. Rate-limited like sign-in.",
        body: z.strictObject({
          email: z.string().max(320),
          returnTo: z.string().max(2048).optional().describe("A same-origin path to land on afterwards"),
        }),
        response: {
          200: z.object({
            orgId: id,
            redirectTo: z.string().describe("The start route for the org, with loginHint (and returnTo)"),
          }),
          default: errorResponse,
        },
      },
    },
    (request) => discoverSsoForEmail(deps, request.body),
  );

  r.get(
    "/api/v1/sso/callback",
    {
      config: { auth: publicRoute("auth") },
      schema: {
        tags: ["SSO"],
        summary: "Where the IdP sends people back (register as the redirect URI)",
        description:
          "Takes the single-use state, exchanges the code and validates the ID token, then signs the person in and redirects to their returnTo. Failures redirect to /sso/error with a code and what to do next.",
        querystring: z.record(z.string(), z.string().max(8192)),
        response: { 302: redirectResponse },
      },
    },
    async (request, reply) => {
      try {
        const result = await completeSsoLogin(deps, {
          query: request.query,
          sessionUserId: request.user?.id ?? null,
          userAgent: request.headers["user-agent"] ?? null,
        });
        if (result.kind === "test") {
          const payload = Buffer.from(JSON.stringify(result.result), "utf8").toString("base64url");
          return reply.redirect(`${result.returnTo}#sso-test=${payload}`, 302);
        }
        setSessionCookie(reply, deps.config, result.session);
        return reply.redirect(result.returnTo, 302);
      } catch (error) {
        request.log.info({ err: error }, "sso callback refused");
        return reply.redirect(errorPage(error), 302);
      }
    },
  );
};
