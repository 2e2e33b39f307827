import {
  listIntegrationShares,
  updateIntegration as updateIntegrationRow,
} from "../../db/queries/integrations.js";
import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { inTransaction } from "../../db/transaction.js";
import { requireKey } from "../../domain/access/permission-sets.js";
import { FULL_ACCESS_SCOPE } from "../../domain/access/policy-data.js";
import { AppError } from "../../domain/errors.js";
import { nowIso, type ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import {
  type IntegrationView,
  integrationSnapshot,
  normalizeDataScopes,
  requireIntegration,
  toIntegrationView,
} from "./integration-view.js";

export type UpdateIntegrationInput = {
  orgId: string;
  integrationId: string;
  key?: string;
  name?: string;
  dataScopes?: readonly string[];
  enabled?: boolean;
  /**
   * "org" reopens an integration to every member once it has no shares left (an integration with shares
   * is always limited to them); "teams" limits it to its shares, even to none.
   */
  audience?: "org" | "teams";
};

/**
 * Admins only (`integrations:manage`). A data scope that a team's share still uses cannot be removed:
 * change or remove those shares first, so nobody's access silently turns into something else.
 */
export async function updateIntegration(
  ctx: ServiceContext,
  input: UpdateIntegrationInput,
): Promise<IntegrationView> {
  await authorize(ctx, input.orgId, "integrations:manage", { type: "org" });
  const row = await requireIntegration(ctx.db, input.orgId, input.integrationId);
  const key = input.key === undefined ? row.key : requireKey(input.key);
  const now = nowIso(ctx);
  return inTransaction(ctx.db, async (trx) => {
    const before = toIntegrationView(await requireIntegration(trx, input.orgId, row.id));
    const dataScopes =
      input.dataScopes === undefined ? before.dataScopes : normalizeDataScopes(input.dataScopes);
    const stranded = (await listIntegrationShares(trx, row.id)).filter(
      (s) => s.data_scope !== FULL_ACCESS_SCOPE && !dataScopes.includes(s.data_scope),
    );
    if (stranded.length > 0) {
      throw new AppError("VALIDATION_FAILED", {
        message: `These teams are given a data scope the change removes: ${stranded.map((s) => `${s.team_name} (${s.data_scope})`).join(", ")}. Change their shares first.`,
        details: {
          field: "dataScopes",
          teams: stranded.map((s) => ({ teamId: s.team_id, dataScope: s.data_scope })),
        },
      });
    }
    await updateIntegrationRow(trx, row.id, {
      key,
      name: input.name ?? row.name,
      data_scopes: JSON.stringify(dataScopes),
      status: input.enabled === undefined ? row.status : input.enabled ? "enabled" : "disabled",
      ...(input.audience !== undefined && { audience: input.audience }),
      updated_at: now,
    });
    await bumpAccessVersion(trx, input.orgId);
    const after = toIntegrationView(await requireIntegration(trx, input.orgId, row.id));
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "integration.updated",
      target: { type: "integration", id: row.id },
      before: integrationSnapshot(before),
      after: integrationSnapshot(after),
    });
    return after;
  });
}
