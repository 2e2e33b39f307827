import { insertIntegration } from "../../db/queries/integrations.js";
import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { inTransaction } from "../../db/transaction.js";
import { requireKey } from "../../domain/access/permission-sets.js";
import { newId } from "../../lib/ids.js";
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

export type CreateIntegrationInput = {
  orgId: string;
  key: string;
  name: string;
  dataScopes?: readonly string[];
  enabled?: boolean;
};

/** mixus Organization Admin: "Manage integrations and connections" (`integrations:manage`). */
export async function createIntegration(
  ctx: ServiceContext,
  input: CreateIntegrationInput,
): Promise<IntegrationView> {
  await authorize(ctx, input.orgId, "integrations:manage", { type: "org" });
  const key = requireKey(input.key);
  const dataScopes = normalizeDataScopes(input.dataScopes ?? []);
  const now = nowIso(ctx);
  const id = newId();
  return inTransaction(ctx.db, async (trx) => {
    await insertIntegration(trx, {
      id,
      org_id: input.orgId,
      key,
      name: input.name,
      data_scopes: JSON.stringify(dataScopes),
      status: input.enabled === false ? "disabled" : "enabled",
      created_at: now,
      updated_at: now,
    });
    await bumpAccessVersion(trx, input.orgId);
    const view = toIntegrationView(await requireIntegration(trx, input.orgId, id));
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "integration.created",
      target: { type: "integration", id },
      after: integrationSnapshot(view),
    });
    return view;
  });
}
