import type { Decision } from "../../domain/access/decision.js";
import {
  type CheckContext,
  type CheckInput,
  evaluate,
  type KeyRestriction,
  type ResourceRef,
  type Subject,
} from "../../domain/access/evaluate.js";
import type { Policy } from "../../domain/access/policy.js";
import type { DecisionCaller } from "../../domain/access/policy-types.js";
import { AppError } from "../../domain/errors.js";

export type { DecisionCaller };

export type CheckRequest = {
  subject?: Subject;
  action: string;
  resource: ResourceRef;
  context?: CheckContext;
};

export function callerSubject(caller: DecisionCaller): Subject {
  return caller.kind === "user" ? { type: "user", id: caller.userId } : { type: "team", id: caller.teamId };
}

/**
 * Whether the caller may ask about someone else: `decisions:check` (admins), and, through an API key,
 * only if the key's scopes allow it.
 */
export function mayCheckOthers(policy: Policy, caller: DecisionCaller, nowMs: number): boolean {
  const scopes = caller.apiKey?.scopes;
  if (scopes && !scopes.has("decisions:check")) return false;
  if (caller.kind === "team") return scopes?.has("decisions:check") ?? false;
  return evaluate(
    policy,
    { subject: callerSubject(caller), action: "decisions:check", resource: { type: "org" } },
    nowMs,
  ).allowed;
}

/**
 * One check of the decision API. Without a subject the caller asks about itself (and an API key's
 * scopes limit which actions it may ask about); asking about others needs `decisions:check`.
 * Allocation-free for the common case of a check that names its subject: it runs once per check of a
 * batch of up to 1,000.
 */
export function checkAccess(
  policy: Policy,
  caller: DecisionCaller,
  request: CheckRequest,
  nowMs: number,
  othersAllowed: boolean,
): Decision {
  const named = request.subject;
  const isSelf =
    named === undefined ||
    (caller.kind === "user"
      ? named.type === "user" && named.id === caller.userId
      : named.type === "team" && named.id === caller.teamId);
  if (!isSelf && !othersAllowed) {
    throw new AppError("FORBIDDEN", {
      message:
        "Asking what someone else may do needs the decisions:check permission (org admins, or an API key scoped to it).",
    });
  }
  const key: KeyRestriction | undefined =
    isSelf && caller.apiKey ? { apiKeyId: caller.apiKey.id, scopes: caller.apiKey.scopes } : undefined;
  const input: CheckInput =
    named === undefined ? { ...request, subject: callerSubject(caller) } : (request as CheckInput);
  return evaluate(policy, input, nowMs, key);
}
