import { isAscii } from "node:buffer";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { decisionJson } from "../../domain/access/decision.js";
import type { Policy } from "../../domain/access/policy.js";
import { AppError, isAppError } from "../../domain/errors.js";
import type { Deps } from "../../services/context.js";
import { checkAccess, type DecisionCaller, mayCheckOthers } from "../../services/decisions/check-access.js";
import { withBatchDefaults } from "../../services/decisions/check-batch.js";
import { reportMemberAccess } from "../../services/decisions/report-member-access.js";
import { resolveDecisionCaller } from "../auth/decision-caller.js";
import { decisionRoute } from "../auth/route-auth.js";
import { parseCheckBody } from "../check-body.js";
import { compiledValidatorCompiler } from "../compiled-validator.js";
import { errorResponse, id, orgParams } from "../schemas/common.js";
import { accessReport, batchRequest, batchResult, checkRequest, decision } from "../schemas/decisions.js";
import { type RouteModule, typed } from "./types.js";

/**
 * The decision API: the AI product's backend asks, on every request, whether someone may do
 * something. Answers come from the org's compiled policy in memory; the database is not touched
 * unless the policy has to be (re)built after a change.
 */
export const decisionRoutes: RouteModule = (app, deps) => {
  app.register(async (scope) => decisionScopeRoutes(scope, deps));
};

/**
 * In their own encapsulation context, so their JSON bodies are read by parseCheckBody (the usual form
 * of a check by a compiled regular expression, anything else by plain JSON.parse). Fastify's default
 * parser also scans every body for `__proto__` and `constructor` keys, which costs a batch of 1,000
 * checks dearly; here every object of the body is a zod strict object, which refuses any key it does
 * not name (those two included), so nothing such a key could poison ever reaches our code.
 */
function decisionScopeRoutes(app: FastifyInstance, deps: Deps): void {
  app.setValidatorCompiler(compiledValidatorCompiler);
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (_request, body, done) => {
    try {
      const bytes = body as Buffer;
      const ascii = isAscii(bytes);
      done(null, parseCheckBody(bytes.toString(ascii ? "latin1" : "utf8"), ascii ? bytes : undefined));
    } catch {
      done(new AppError("VALIDATION_FAILED", { message: "The request body is not valid JSON." }), undefined);
    }
  });
  const r = typed(app);
  // The response schemas document the API; the answers are our engine's own objects, sent as the JSON
  // text each decision keeps of itself (decisionJson), not re-validated by zod on the hot path.
  const serializerCompiler = () => (data: unknown) =>
    typeof data === "string" ? data : JSON.stringify(data);

  r.post(
    "/api/v1/orgs/:orgId/check",
    {
      config: { auth: decisionRoute() },
      serializerCompiler,
      schema: {
        tags: ["Decisions"],
        summary:
          "May a subject do an action on a resource? Allowed or denied, with the reason and the grants that decided",
        params: orgParams,
        body: checkRequest,
        response: { 200: decision, default: errorResponse },
      },
    },
    (request, reply) =>
      withPolicy(deps, request.params.orgId, (policy) => {
        const { caller, nowMs } = decisionCaller(request, deps, policy);
        const self = request.body.subject === undefined;
        const decision = checkAccess(
          policy,
          caller,
          request.body,
          nowMs,
          !self && mayCheckOthers(policy, caller, nowMs),
        );
        // The JSON text of a value of the documented shape (the typed reply only knows objects).
        reply.type(JSON_TYPE).send(decisionJson(decision) as never);
      }),
  );

  r.post(
    "/api/v1/orgs/:orgId/check/batch",
    {
      config: { auth: decisionRoute() },
      serializerCompiler,
      schema: {
        tags: ["Decisions"],
        summary:
          "Up to 1,000 checks in one request, with optional defaults for their subject, action, resource and context; results in the same order",
        params: orgParams,
        body: batchRequest,
        response: { 200: z.object({ results: z.array(batchResult) }), default: errorResponse },
      },
    },
    (request, reply) =>
      withPolicy(deps, request.params.orgId, (policy) => {
        const { caller, nowMs } = decisionCaller(request, deps, policy);
        let others: boolean | undefined;
        const batch = request.body;
        const results = batch.checks.map((item) => {
          try {
            const check = withBatchDefaults(item, batch);
            if (check.subject !== undefined) others ??= mayCheckOthers(policy, caller, nowMs);
            return decisionJson(checkAccess(policy, caller, check, nowMs, others ?? false));
          } catch (error) {
            if (!isAppError(error)) throw error;
            return JSON.stringify({ error: { code: error.code, message: error.message } });
          }
        });
        reply.type(JSON_TYPE).send(`{"results":[${results.join(",")}]}` as never);
      }),
  );

  r.get(
    "/api/v1/orgs/:orgId/members/:userId/access",
    {
      config: { auth: decisionRoute() },
      schema: {
        tags: ["Decisions"],
        summary:
          "Everything a member can reach and why: agents, models, integrations, knowledge bases, team spaces, projects with expiries",
        params: z.strictObject({ orgId: id, userId: id }),
        response: { 200: accessReport, default: errorResponse },
      },
    },
    async (request) => {
      const policy = await deps.policies.policyFor(request.params.orgId);
      const { caller, nowMs } = decisionCaller(request, deps, policy);
      return reportMemberAccess(policy, caller, request.params.userId, nowMs);
    },
  );
}

const JSON_TYPE = "application/json; charset=utf-8";

/**
 * Runs `answer` with the org's compiled policy: at once when it is built, as it is for every check but
 * the first after a change (no promise, no microtask on the hot path), or once the build is done.
 */
function withPolicy(deps: Deps, orgId: string, answer: (policy: Policy) => void): Promise<void> | undefined {
  const maybe = deps.policies.policyFor(orgId);
  if (maybe instanceof Promise) return maybe.then(answer);
  answer(maybe);
  return undefined;
}

/** Who is asking (an API key, or the signed-in member), as of now. */
function decisionCaller(
  request: FastifyRequest,
  deps: Deps,
  policy: Policy,
): { caller: DecisionCaller; nowMs: number } {
  const nowMs = deps.clock.nowMs();
  const caller = resolveDecisionCaller(request, policy, nowMs);
  if (caller.apiKey) deps.keyUsage.noteUse(caller.apiKey.id, nowMs);
  return { caller, nowMs };
}
