import type { Action } from "../../domain/access/catalog.js";
import { evaluate } from "../../domain/access/evaluate.js";
import type { Policy } from "../../domain/access/policy.js";
import type { ServiceContext } from "../context.js";
import { policyOf } from "./authorize.js";

export type Page<T> = { items: T[]; nextCursor: string | null };

export type VisiblePageSpec<R> = {
  /** What the caller must be allowed to do with each item (agents:view, context-files:read, ...). */
  action: Action;
  resourceType: "agent" | "context_file" | "knowledge_base" | "team_space";
  /** Every id of that registry in the org, from the compiled policy. */
  ids: (policy: Policy) => Iterable<string>;
  /** The rows of a page, in id order. */
  load: (ids: string[]) => Promise<R[]>;
};

/**
 * One page of a registry, holding only what the caller may see. The candidates come from the org's
 * compiled policy (current as of the last access change: every registry write bumps the version) and
 * each is decided with `evaluate`, the same decision the AI product gets, so a list never shows what a
 * check would refuse. Only the page's rows are then read. Keyset on id (UUIDv7: creation order):
 * `after` is the last id of the previous page.
 */
export async function visiblePage<R>(
  ctx: ServiceContext,
  orgId: string,
  input: { after: string | null; limit: number },
  spec: VisiblePageSpec<R>,
): Promise<Page<R>> {
  const policy = await policyOf(ctx, orgId);
  const nowMs = ctx.clock.nowMs();
  const after = input.after;
  const candidates = [...spec.ids(policy)].filter((id) => after === null || id > after).sort();
  const visible: string[] = [];
  for (const id of candidates) {
    const allowed =
      ctx.actor.kind === "system" ||
      evaluate(
        policy,
        {
          subject: { type: "user", id: ctx.actor.userId },
          action: spec.action,
          resource: { type: spec.resourceType, id },
        },
        nowMs,
      ).allowed;
    if (!allowed) continue;
    visible.push(id);
    // One more than a page tells whether another page follows.
    if (visible.length > input.limit) break;
  }
  const pageIds = visible.slice(0, input.limit);
  const items = await spec.load(pageIds);
  const last = pageIds[pageIds.length - 1];
  return { items, nextCursor: visible.length > input.limit && last !== undefined ? last : null };
}
