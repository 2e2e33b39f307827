import type { Action } from "../../domain/access/catalog.js";
import type { Decision } from "../../domain/access/decision.js";
import { type CheckContext, evaluate, type ResourceRef } from "../../domain/access/evaluate.js";
import type { Policy } from "../../domain/access/policy.js";
import { AppError } from "../../domain/errors.js";
import type { ServiceContext } from "../context.js";

/** The org's current compiled policy (built on first use, rebuilt after access changes). */
export async function policyOf(ctx: Pick<ServiceContext, "policies">, orgId: string): Promise<Policy> {
  return await ctx.policies.policyFor(orgId);
}

/**
 * May the acting user do `action` on `resource`? The same decision the AI product gets from the
 * decision API, so the registries' own routes obey the capability table too. Throws FORBIDDEN with
 * the decision's message when not; the system actor (CLI) may do anything.
 */
export async function authorize(
  ctx: ServiceContext,
  orgId: string,
  action: Action,
  resource: ResourceRef,
  context: CheckContext = {},
): Promise<Decision | null> {
  if (ctx.actor.kind === "system") return null;
  const policy = await policyOf(ctx, orgId);
  const decision = evaluate(
    policy,
    { subject: { type: "user", id: ctx.actor.userId }, action, resource, context },
    ctx.clock.nowMs(),
  );
  if (!decision.allowed) {
    throw new AppError("FORBIDDEN", {
      message: decision.reason.message,
      details: { reason: decision.reason.code },
    });
  }
  return decision;
}
