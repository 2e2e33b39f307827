import rateLimit from "@fastify/rate-limit";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { DestinationStream } from "pino";
import { AppError } from "../domain/errors.js";
import { installValidationMessages } from "../lib/validation-messages.js";
import type { Deps } from "../services/context.js";
import { registerGuard } from "./auth/guard.js";
import { sessionCookieName } from "./auth/session-cookie.js";
import { handleError } from "./errors.js";
import { registerMetrics } from "./metrics.js";
import { registerOpenApi } from "./openapi.js";
import { databaseRateLimitStore } from "./rate-limit-store.js";
import { lazyChildLogger, RequestLines } from "./request-logger.js";
import { apiKeyRoutes } from "./routes/api-keys.js";
import { auditRoutes } from "./routes/audit.js";
import { authRoutes } from "./routes/auth.js";
import { capabilityRoutes } from "./routes/capabilities.js";
import { decisionRoutes } from "./routes/decisions.js";
import { domainRoutes } from "./routes/domains.js";
import { emailRoutes } from "./routes/email.js";
import { groupMappingRoutes } from "./routes/group-mapping.js";
import { healthRoutes } from "./routes/health.js";
import { importRoutes } from "./routes/imports.js";
import { invitationDashboardRoutes } from "./routes/invitation-dashboard.js";
import { invitationLinkRoutes } from "./routes/invitation-links.js";
import { invitationRoutes } from "./routes/invitations.js";
import { memberRoutes } from "./routes/members.js";
import { orgRoutes } from "./routes/orgs.js";
import { policyRoutes } from "./routes/policies.js";
import { resourceRoutes } from "./routes/resources.js";
import { scimRoutes } from "./routes/scim.js";
import { scimTokenRoutes } from "./routes/scim-tokens.js";
import { setupRoutes } from "./routes/setup.js";
import { ssoRoutes } from "./routes/sso.js";
import { teamRoutes } from "./routes/teams.js";
import { webhookRoutes } from "./routes/webhooks.js";
import { registerSecurityHeaders } from "./security-headers.js";
import { registerWebConsole } from "./web.js";

export type BuildAppOptions = {
  /** Structured logs (pino); none when left out. `stream` defaults to stdout. */
  log?: { level: string; stream?: DestinationStream };
};

/**
 * Tokens never reach logs: they travel in request bodies and URL fragments (which Fastify does not
 * log), and the headers that carry them are removed from whatever a serializer may print.
 */
const REDACTED_LOG_PATHS = [
  "req.headers.cookie",
  "req.headers.authorization",
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
];

function loggerOptions(log: BuildAppOptions["log"]): FastifyServerOptions["logger"] {
  if (!log) return false;
  return {
    level: log.level,
    redact: { paths: REDACTED_LOG_PATHS, remove: true },
    ...(log.stream && { stream: log.stream }),
  };
}

/** The whole HTTP app, ready for `inject` or `listen`; it does not listen itself. */
export async function buildApp(deps: Deps, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  installValidationMessages();
  const app = Fastify({
    logger: loggerOptions(options.log),
    childLoggerFactory: lazyChildLogger,
    logController: new RequestLines(),
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Bodies are JSON objects, so `__proto__` keys are never data: refuse them outright.
    onProtoPoisoning: "error",
    onConstructorPoisoning: "error",
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  // The API speaks JSON only. Fastify parses text/plain by default; it is also the body type a
  // cross-site form or fetch may send without a CORS preflight, so it gets 415 like any other.
  app.removeContentTypeParser("text/plain");

  registerSecurityHeaders(app, deps.config);
  registerGuard(app, deps);
  // After the guard: its onRoute hook turns each public route's budget into a rate-limit config first.
  await app.register(rateLimit, {
    global: false,
    store: databaseRateLimitStore(deps.db),
    errorResponseBuilder: (_request, context) =>
      Object.assign(
        new AppError("RATE_LIMITED", {
          message: `Too many attempts. Try again in ${Math.ceil(context.ttl / 1000)} seconds.`,
          details: { retryAfterSeconds: Math.ceil(context.ttl / 1000) },
        }),
        { statusCode: 429 },
      ),
  });
  const metrics = registerMetrics(app);
  await registerOpenApi(app, sessionCookieName(deps.config));

  for (const routes of [
    healthRoutes(metrics),
    setupRoutes,
    authRoutes,
    orgRoutes,
    memberRoutes,
    teamRoutes,
    invitationRoutes,
    invitationLinkRoutes,
    capabilityRoutes,
    decisionRoutes,
    apiKeyRoutes,
    ...resourceRoutes,
    ...policyRoutes,
    groupMappingRoutes,
    emailRoutes,
    importRoutes,
    auditRoutes,
    invitationDashboardRoutes,
    domainRoutes,
    ssoRoutes,
    scimTokenRoutes,
    scimRoutes,
    webhookRoutes,
  ]) {
    routes(app, deps);
  }
  await registerWebConsole(app, deps.config.webRoot);
  return app;
}
