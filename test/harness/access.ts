import { expect } from "vitest";
import { bumpAccessVersion } from "../../src/db/queries/orgs.js";
import { inTransaction } from "../../src/db/transaction.js";
import type { Decision } from "../../src/domain/access/decision.js";
import { type CheckContext, evaluate, type ResourceRef } from "../../src/domain/access/evaluate.js";
import { newId } from "../../src/lib/ids.js";
import { expectStatus, orgUrl, type Response } from "./api.js";
import type { MemberFixture, TestApp } from "./app.js";

/**
 * Helpers for the access-model API tests: registry rows written straight into the database (so these
 * tests do not depend on the registries' own routes), and checks asked of the decision engine.
 */

type Registered = { id: string; key: string };

async function insertRows(
  t: TestApp,
  orgId: string,
  insert: (trx: Parameters<Parameters<typeof inTransaction>[1]>[0], now: string) => Promise<void>,
): Promise<void> {
  const now = t.clock.now().toISOString();
  await inTransaction(t.deps.db, async (trx) => {
    await insert(trx, now);
    await bumpAccessVersion(trx, orgId);
  });
}

/** AI models of the org's catalog, enabled. */
export async function insertModels(t: TestApp, orgId: string, keys: string[]): Promise<Registered[]> {
  const rows = keys.map((key) => ({ id: newId(), key }));
  await insertRows(t, orgId, async (trx, now) => {
    await trx
      .insertInto("models")
      .values(
        rows.map((r) => ({
          id: r.id,
          org_id: orgId,
          key: r.key,
          name: r.key.toUpperCase(),
          provider: null,
          status: "enabled" as const,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  });
  return rows;
}

/** Integrations, enabled and not restricted to teams. */
export async function insertIntegrations(t: TestApp, orgId: string, keys: string[]): Promise<Registered[]> {
  const rows = keys.map((key) => ({ id: newId(), key }));
  await insertRows(t, orgId, async (trx, now) => {
    await trx
      .insertInto("integrations")
      .values(
        rows.map((r) => ({
          id: r.id,
          org_id: orgId,
          key: r.key,
          name: r.key,
          data_scopes: "[]",
          status: "enabled" as const,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  });
  return rows;
}

/** Personal agents of `ownerId`: nobody else reaches them unless something (a project) grants it. */
export async function insertAgents(
  t: TestApp,
  orgId: string,
  ownerId: string,
  agents: { key: string; name: string }[],
): Promise<Registered[]> {
  const rows = agents.map((a) => ({ id: newId(), ...a }));
  await insertRows(t, orgId, async (trx, now) => {
    await trx
      .insertInto("agents")
      .values(
        rows.map((r) => ({
          id: r.id,
          org_id: orgId,
          key: r.key,
          name: r.name,
          description: null,
          scope: "personal" as const,
          owner_user_id: ownerId,
          team_id: null,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  });
  return rows.map(({ id, key }) => ({ id, key }));
}

/** Knowledge bases of the given visibility (department ones need `department`). */
export async function insertKnowledgeBases(
  t: TestApp,
  orgId: string,
  bases: { key: string; visibility: "public" | "department" | "team" | "personal"; department?: string }[],
): Promise<Registered[]> {
  const rows = bases.map((b) => ({ id: newId(), ...b }));
  await insertRows(t, orgId, async (trx, now) => {
    await trx
      .insertInto("knowledge_bases")
      .values(
        rows.map((r) => ({
          id: r.id,
          org_id: orgId,
          key: r.key,
          name: r.key,
          visibility: r.visibility,
          department: r.department ?? null,
          team_id: null,
          owner_user_id: null,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  });
  return rows.map(({ id, key }) => ({ id, key }));
}

/** What the decision engine answers, at the app's clock: the same call the decision API makes. */
export async function check(
  t: TestApp,
  orgId: string,
  person: { userId: string },
  action: string,
  resource: ResourceRef,
  context: CheckContext = {},
): Promise<Decision> {
  return evaluate(
    await t.deps.policies.policyFor(orgId),
    { subject: { type: "user", id: person.userId }, action, resource, context },
    t.clock.now().getTime(),
  );
}

export const MB = 1024 * 1024;

export function setsUrl(orgId: string, rest = ""): string {
  return orgUrl(orgId, `/permission-sets${rest}`);
}

export function projectsUrl(orgId: string, rest = ""): string {
  return orgUrl(orgId, `/projects${rest}`);
}

export function massUpdateUrl(orgId: string): string {
  return orgUrl(orgId, "/permissions/mass-update");
}

/** The seed's "Custom Permission Sets" document, word for word. */
export const SEED_PERMISSION_SETS = {
  marketing_team: {
    ai_models: ["gpt-4", "claude-3"],
    integrations: ["social_media", "email", "analytics"],
    agent_creation: true,
    file_upload_limit: "100MB",
    knowledge_base_access: ["marketing", "public"],
  },
  finance_team: {
    ai_models: ["claude-4", "gpt-4"],
    integrations: ["salesforce", "quickbooks"],
    agent_creation: "admin_approval",
    file_upload_limit: "500MB",
    knowledge_base_access: ["finance", "executive"],
  },
};

/** The seed's "Bulk Permission Update", word for word. */
export const SEED_MASS_UPDATE = {
  operation: "update_permissions",
  filter: { department: "marketing", role: "member" },
  changes: {
    add_integrations: ["instagram", "tiktok"],
    ai_model_access: ["gpt-4", "claude-3"],
    file_upload_limit: "200MB",
  },
};

/** A JSON body from a request that must answer `status`. */
export function jsonOf<T>(response: Response, status = 200): T {
  expectStatus(response, status);
  return response.json() as T;
}

/** Sends as `as` with their session cookie. */
export function send(
  t: TestApp,
  as: MemberFixture | null,
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  url: string,
  body?: unknown,
): Promise<Response> {
  return t.request({ method, url, cookie: as?.cookie ?? null, ...(body !== undefined && { body }) });
}

export function expectAllowed(decision: Decision, message?: string): void {
  expect(decision.allowed, `${message ?? ""} ${decision.reason.code}: ${decision.reason.message}`).toBe(true);
}

export function expectDenied(decision: Decision, code?: string, message?: string): void {
  expect(decision.allowed, `${message ?? ""} ${decision.reason.message}`).toBe(false);
  if (code !== undefined) expect(decision.reason.code).toBe(code);
}
