import type { Executor } from "../../db/client.js";
import { findIntegration, type IntegrationRow } from "../../db/queries/integrations.js";
import { requireKey } from "../../domain/access/permission-sets.js";
import { FULL_ACCESS_SCOPE } from "../../domain/access/policy-data.js";
import { AppError } from "../../domain/errors.js";

export type IntegrationView = {
  id: string;
  key: string;
  name: string;
  /** Named data scopes besides full_access, which every integration has (mixus "data_scope"). */
  dataScopes: string[];
  enabled: boolean;
  audience: "org" | "teams";
  createdAt: string;
  updatedAt: string;
};

export function toIntegrationView(row: IntegrationRow): IntegrationView {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    dataScopes: JSON.parse(row.data_scopes) as string[],
    enabled: row.status === "enabled",
    audience: row.audience,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function integrationSnapshot(view: IntegrationView) {
  return {
    key: view.key,
    name: view.name,
    dataScopes: view.dataScopes,
    enabled: view.enabled,
    audience: view.audience,
  };
}

export async function requireIntegration(
  db: Executor,
  orgId: string,
  integrationId: string,
): Promise<IntegrationRow> {
  const row = await findIntegration(db, orgId, integrationId);
  if (!row)
    throw new AppError("NOT_FOUND", { message: "That integration does not exist in this organization." });
  return row;
}

/** Data scope names follow the key rule; full_access is implied, so listing it changes nothing. */
export function normalizeDataScopes(scopes: readonly string[]): string[] {
  const names = scopes.map((scope) => requireKey(scope, "data scope"));
  return [...new Set(names)].filter((name) => name !== FULL_ACCESS_SCOPE);
}

export type IntegrationShareView = { teamId: string; teamName: string; dataScope: string; createdAt: string };

export function toIntegrationShareViews(
  rows: readonly { team_id: string; team_name: string; data_scope: string; created_at: string }[],
): IntegrationShareView[] {
  return rows.map((r) => ({
    teamId: r.team_id,
    teamName: r.team_name,
    dataScope: r.data_scope,
    createdAt: r.created_at,
  }));
}
