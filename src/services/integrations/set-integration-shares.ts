import { listIntegrationShares, replaceIntegrationShares } from "../../db/queries/integrations.js";
import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { inTransaction } from "../../db/transaction.js";
import { FULL_ACCESS_SCOPE } from "../../domain/access/policy-data.js";
import { AppError } from "../../domain/errors.js";
import { nowIso, type ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireDistinctTeams } from "../shared/require-teams.js";
import {
  type IntegrationShareView,
  requireIntegration,
  toIntegrationShareViews,
  toIntegrationView,
} from "./integration-view.js";

export type SetIntegrationSharesInput = {
  orgId: string;
  integrationId: string;
  shares: readonly { teamId: string; dataScope: string }[];
};

/**
 * Replaces which teams may use the integration, each with a data scope (mixus "shared_integrations":
 * sales full_access, marketing read_leads, support read_customers). An integration shared with no team
 * is usable by every member; once shared, only by the teams named. Admins only.
 */
export async function setIntegrationShares(
  ctx: ServiceContext,
  input: SetIntegrationSharesInput,
): Promise<IntegrationShareView[]> {
  await authorize(ctx, input.orgId, "integrations:manage", { type: "org" });
  const row = await requireIntegration(ctx.db, input.orgId, input.integrationId);
  const integration = toIntegrationView(row);
  const unknown = [
    ...new Set(
      input.shares
        .map((s) => s.dataScope)
        .filter((scope) => scope !== FULL_ACCESS_SCOPE && !integration.dataScopes.includes(scope)),
    ),
  ];
  if (unknown.length > 0) {
    throw new AppError("VALIDATION_FAILED", {
      message: `${integration.key} has no data scope ${unknown.join(", ")}. Its scopes: ${[FULL_ACCESS_SCOPE, ...integration.dataScopes].join(", ")}.`,
      details: { field: "dataScope", unknown },
    });
  }
  await requireDistinctTeams(
    ctx.db,
    input.orgId,
    input.shares.map((s) => s.teamId),
  );
  const now = nowIso(ctx);
  return inTransaction(ctx.db, async (trx) => {
    const before = toIntegrationShareViews(await listIntegrationShares(trx, row.id));
    await replaceIntegrationShares(trx, input.orgId, row.id, input.shares, now);
    await bumpAccessVersion(trx, input.orgId);
    const after = toIntegrationShareViews(await listIntegrationShares(trx, row.id));
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "integration.shared",
      target: { type: "integration", id: row.id },
      before: { key: row.key, shares: before.map(({ teamId, dataScope }) => ({ teamId, dataScope })) },
      after: { key: row.key, shares: after.map(({ teamId, dataScope }) => ({ teamId, dataScope })) },
    });
    return after;
  });
}
