import { expect } from "vitest";
import { bumpAccessVersion } from "../../src/db/queries/orgs.js";
import { inTransaction } from "../../src/db/transaction.js";
import type { Decision } from "../../src/domain/access/decision.js";
import { type CheckContext, evaluate, type ResourceRef } from "../../src/domain/access/evaluate.js";
import { newId } from "../../src/lib/ids.js";
import { expectStatus, orgUrl, type Response } from "./api.js";
import type { MemberFixture, TestApp } from "./app.js";

/** Shared steps for the governed-resource registry tests: calls of the public API, and the engine's answer. */

export type Json = Record<string, unknown> & { id: string };

/** A request as `as` (a member fixture, or a raw cookie / null for signed out). */
export function call(
  t: TestApp,
  as: MemberFixture | string | null,
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE",
  url: string,
  body?: unknown,
): Promise<Response> {
  const cookie = typeof as === "string" || as === null ? as : as.cookie;
  return t.request({ method, url, cookie, ...(body !== undefined && { body }) });
}

/** POSTs to an org path as `as` and expects 201; the created resource. */
export async function created(
  t: TestApp,
  orgId: string,
  as: MemberFixture,
  path: string,
  body: unknown,
): Promise<Json> {
  const response = await call(t, as, "POST", orgUrl(orgId, path), body);
  expectStatus(response, 201);
  return response.json() as Json;
}

/** Every item of a paginated list, following nextCursor. */
export async function listAll(
  t: TestApp,
  orgId: string,
  as: MemberFixture,
  path: string,
  limit = 100,
): Promise<Json[]> {
  const items: Json[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages += 1) {
    const query = new URLSearchParams({ limit: String(limit), ...(cursor && { cursor }) });
    const response = await call(t, as, "GET", orgUrl(orgId, `${path}?${query}`));
    expectStatus(response, 200);
    const page = response.json() as { items: Json[]; nextCursor: string | null };
    items.push(...page.items);
    cursor = page.nextCursor;
    if (cursor === null) break;
  }
  return items;
}

let keyCounter = 0;
/** A key no test has used yet. */
export function uniqueKey(prefix = "res"): string {
  keyCounter += 1;
  return `${prefix}_${keyCounter}_${Math.random().toString(36).slice(2, 6)}`;
}

/** What the decision engine answers right now: the same evaluation the decision API makes. */
export async function decide(
  t: TestApp,
  orgId: string,
  userId: string,
  action: string,
  resource: ResourceRef,
  context?: CheckContext,
): Promise<Decision> {
  return evaluate(
    await t.deps.policies.policyFor(orgId),
    { subject: { type: "user", id: userId }, action, resource, ...(context && { context }) },
    t.clock.now().getTime(),
  );
}

export async function expectDecision(
  t: TestApp,
  orgId: string,
  userId: string,
  action: string,
  resource: ResourceRef,
  allowed: boolean,
  context?: CheckContext,
): Promise<Decision> {
  const decision = await decide(t, orgId, userId, action, resource, context);
  expect(decision.allowed, `${action} on ${JSON.stringify(resource)}: ${decision.reason.message}`).toBe(
    allowed,
  );
  return decision;
}

/**
 * A permission set in the seed's format assigned to one person, written straight to the database
 * (permission sets have their own routes, built elsewhere); bumps the access version as a use case does.
 */
export async function assignPermissionSet(
  t: TestApp,
  orgId: string,
  userId: string,
  rules: Record<string, unknown>,
): Promise<string> {
  const id = newId();
  const now = t.clock.now().toISOString();
  await inTransaction(t.deps.db, async (trx) => {
    await trx
      .insertInto("permission_sets")
      .values({
        id,
        org_id: orgId,
        key: uniqueKey("set"),
        name: "Test set",
        description: null,
        kind: "shared",
        rules: JSON.stringify(rules),
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx
      .insertInto("permission_set_assignments")
      .values({ set_id: id, org_id: orgId, target_type: "user", target_id: userId, created_at: now })
      .execute();
    await bumpAccessVersion(trx, orgId);
  });
  return id;
}

/** Audit events of one target, oldest first, read from the database. */
export async function auditOf(t: TestApp, targetId: string) {
  const rows = await t.deps.db
    .selectFrom("audit_events")
    .select(["action", "target_type", "before", "after", "actor_user_id"])
    .where("target_id", "=", targetId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    action: r.action,
    targetType: r.target_type,
    actorUserId: r.actor_user_id,
    before: r.before === null ? null : JSON.parse(r.before),
    after: r.after === null ? null : JSON.parse(r.after),
  }));
}

/** Rows in team spaces and projects that point at a resource. */
export async function linksTo(t: TestApp, resourceId: string): Promise<number> {
  const [spaces, projects] = await Promise.all([
    t.deps.db
      .selectFrom("team_space_resources")
      .select("resource_id")
      .where("resource_id", "=", resourceId)
      .execute(),
    t.deps.db
      .selectFrom("project_resources")
      .select("resource_id")
      .where("resource_id", "=", resourceId)
      .execute(),
  ]);
  return spaces.length + projects.length;
}

/** A project holding a resource, written straight to the database (projects have their own routes). */
export async function linkToProject(
  t: TestApp,
  orgId: string,
  resourceType: "agent" | "integration" | "knowledge_base",
  resourceId: string,
): Promise<void> {
  const id = newId();
  const now = t.clock.now();
  await inTransaction(t.deps.db, async (trx) => {
    await trx
      .insertInto("projects")
      .values({
        id,
        org_id: orgId,
        name: `Project ${id.slice(-4)}`,
        description: null,
        starts_at: now.toISOString(),
        ends_at: new Date(now.getTime() + 86_400_000).toISOString(),
        ended_at: null,
        created_by: null,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .execute();
    await trx
      .insertInto("project_resources")
      .values({ project_id: id, org_id: orgId, resource_type: resourceType, resource_id: resourceId })
      .execute();
    await bumpAccessVersion(trx, orgId);
  });
}
