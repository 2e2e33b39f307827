import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from "fastify";
import { AppError } from "../../domain/errors.js";
import { can, type OrgAccess } from "../../domain/permissions.js";
import { loadOrgAccess } from "../../services/auth/load-org-access.js";
import { resolveApiKeyCaller } from "../../services/auth/resolve-api-key.js";
import { resolveSession } from "../../services/auth/resolve-session.js";
import type { Deps, ServiceContext } from "../../services/context.js";
import type { UserView } from "../../services/shared/views.js";
import { bearerToken } from "./decision-caller.js";
import type { RouteAuth } from "./route-auth.js";
import { readSessionToken, setSessionCookie } from "./session-cookie.js";

declare module "fastify" {
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    user: UserView | null;
    sessionToken: string | null;
    access: OrgAccess | null;
    /** The personal API key this request is authenticated by, on organization routes. */
    apiKeyId: string | null;
    /**
     * On org routes, the caller's access to `:orgId` as read with their session (one statement for
     * both): null when they are not a member, undefined when it was not read.
     */
    sessionAccess: OrgAccess | null | undefined;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Authentication and authorization for every route, in one place:
 * 1. CSRF: a write that carries an Origin must come from PUBLIC_URL's origin, and a write
 *    authenticated by the session cookie must carry one (browsers always send it on writes).
 * 2. Session: the cookie, if any, becomes `request.user`.
 * 3. The route's declared `auth`: signed in, a member of the org in the URL, holding the permission.
 *    A non-member gets 404, not 403: a user of one org never learns what exists in another.
 *    On org routes a personal API key (`Authorization: Bearer gh_…`) stands in for its owner's
 *    session: the owner's current role decides, and the audit trail names the key.
 */
export function registerGuard(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest("user", null);
  app.decorateRequest("sessionToken", null);
  app.decorateRequest("access", null);
  app.decorateRequest("apiKeyId", null);
  app.decorateRequest("sessionAccess", undefined);

  // Authorization runs only on the routes that declare it (signed in, or a member of the org with a
  // permission). Public and decision routes carry no such hook: the decision API resolves its caller
  // from the org's compiled policy instead (src/http/auth/decision-caller.ts).
  const authorizeRoute: preHandlerHookHandler = (request, _reply, done) => {
    const auth = request.routeOptions.config.auth;
    if (auth?.kind !== "session" && auth?.kind !== "org") {
      done(new Error(`authorizeRoute on ${request.routeOptions.url}, which declares no session or org auth`));
      return;
    }
    authorize(request, deps, auth).then(() => done(), done);
  };

  app.addHook("onRoute", (route) => {
    const auth = route.config?.auth;
    if (route.url.startsWith("/api/") && !auth && !route.url.startsWith("/api/v1/docs")) {
      throw new Error(
        `Route ${route.method} ${route.url} declares no auth: add config.auth (see src/http/auth/route-auth.ts).`,
      );
    }
    if (auth?.kind === "public" && auth.rateLimit !== "none") {
      const max =
        auth.rateLimit === "auth"
          ? deps.config.rateLimits.authPerMinute
          : deps.config.rateLimits.publicPerMinute;
      route.config = { ...route.config, rateLimit: { max, timeWindow: 60_000 } };
    }
    if (auth?.kind === "session" || auth?.kind === "org") {
      const hooks = route.preHandler === undefined ? [] : [route.preHandler].flat();
      // First, before any hook of the route's own; once, also when Fastify derives a HEAD route.
      if (!hooks.includes(authorizeRoute)) route.preHandler = [authorizeRoute, ...hooks];
    }
  });

  // A plain callback that only goes asynchronous when there is something to look up: the decision
  // API (an API key, no cookie) passes it without a promise or a microtask.
  app.addHook("onRequest", (request, reply, done) => {
    let token: string | null;
    try {
      token = readSessionToken(request, deps.config);
      if (!SAFE_METHODS.has(request.method)) checkOrigin(request, deps, token !== null);
    } catch (error) {
      done(error as Error);
      return;
    }
    if (token === null) {
      done();
      return;
    }
    signIn(request, reply, deps, token).then(() => done(), done);
  });
}

async function signIn(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: Deps,
  token: string,
): Promise<void> {
  const orgId =
    request.routeOptions.config.auth?.kind === "org"
      ? (request.params as { orgId?: string }).orgId
      : undefined;
  const session = await resolveSession(deps, token, orgId);
  if (!session) return;
  request.user = session.user;
  request.sessionToken = token;
  request.sessionAccess = session.access;
  if (session.renewed) setSessionCookie(reply, deps.config, { token, expiresAt: session.expiresAt });
}

async function authorize(
  request: FastifyRequest,
  deps: Deps,
  auth: Extract<RouteAuth, { kind: "session" } | { kind: "org" }>,
): Promise<void> {
  const params = request.params as { orgId?: string; teamId?: string };
  const token = auth.kind === "org" ? bearerToken(request) : null;
  if (token !== null) {
    if (!params.orgId) throw new Error(`org route ${request.routeOptions.url} has no :orgId`);
    const caller = await resolveApiKeyCaller(deps, params.orgId, token);
    request.user = caller.user;
    request.apiKeyId = caller.apiKeyId;
    deps.keyUsage.noteUse(caller.apiKeyId, deps.clock.nowMs());
  }
  if (!request.user) throw new AppError("UNAUTHENTICATED");
  if (auth.kind === "session") return;
  if (!params.orgId) throw new Error(`org route ${request.routeOptions.url} has no :orgId`);
  const access =
    request.apiKeyId === null && request.sessionAccess !== undefined
      ? request.sessionAccess
      : await loadOrgAccess(deps.db, params.orgId, request.user.id);
  if (!access) throw new AppError("NOT_FOUND");
  request.access = access;
  const scope = auth.teamScoped && params.teamId ? { teamId: params.teamId } : {};
  if (!can(access, auth.permission, scope)) throw new AppError("FORBIDDEN");
}

function checkOrigin(request: FastifyRequest, deps: Deps, hasSessionCookie: boolean): void {
  const origin = request.headers.origin;
  if (origin === undefined) {
    if (hasSessionCookie) {
      throw new AppError("ORIGIN_MISMATCH", {
        message:
          "Requests signed in with a session cookie must send an Origin header. Use the Gatehouse console.",
      });
    }
    return;
  }
  if (origin !== deps.config.publicUrl.origin) {
    throw new AppError("ORIGIN_MISMATCH", {
      internal: `origin ${origin} is not ${deps.config.publicUrl.origin}`,
    });
  }
}

/** The use-case context for this request: the signed-in user, through the console or a personal API key. */
export function serviceContext(request: FastifyRequest, deps: Deps): ServiceContext {
  if (!request.user) throw new AppError("UNAUTHENTICATED");
  const actor =
    request.apiKeyId === null
      ? { kind: "user" as const, userId: request.user.id, source: "console" as const }
      : {
          kind: "user" as const,
          userId: request.user.id,
          source: "api" as const,
          apiKeyId: request.apiKeyId,
        };
  return { ...deps, actor, access: request.access };
}
