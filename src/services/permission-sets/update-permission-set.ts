import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { updatePermissionSet as updateSetRow } from "../../db/queries/permission-sets.js";
import { inTransaction } from "../../db/transaction.js";
import { requireKey, rulesFromSeed } from "../../domain/access/permission-sets.js";
import { AppError } from "../../domain/errors.js";
import { nowIso, type ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireLockedOrg } from "../shared/require.js";
import {
  type PermissionSetView,
  requireSet,
  rulesOfRow,
  seedOf,
  storedRules,
  toPermissionSetView,
} from "./permission-set-views.js";

export type UpdatePermissionSetInput = {
  orgId: string;
  setId: string;
  key?: string;
  name?: string;
  description?: string | null;
  /** Replaces the set's rules: a field left out is no longer governed by this set. */
  rules?: unknown;
};

/** Admins. New rules reach everyone the set is assigned to on their next check. */
export async function updatePermissionSet(
  ctx: ServiceContext,
  input: UpdatePermissionSetInput,
): Promise<PermissionSetView> {
  await authorize(ctx, input.orgId, "policies:configure", { type: "org" });
  const key = input.key === undefined ? undefined : requireKey(input.key);
  const rules = input.rules === undefined ? undefined : rulesFromSeed(input.rules, key ?? "rules");
  const now = nowIso(ctx);
  return inTransaction(ctx.db, async (trx) => {
    const org = await requireLockedOrg(trx, input.orgId);
    const row = await requireSet(trx, org.id, input.setId);
    if (key !== undefined && key !== row.key && row.kind === "personal") {
      throw new AppError("VALIDATION_FAILED", {
        message: "A personal permission set keeps the key of the person it belongs to.",
        details: { field: "key" },
      });
    }
    const before = {
      key: row.key,
      name: row.name,
      description: row.description,
      rules: seedOf(rulesOfRow(row)),
    };
    const next = {
      key: key ?? row.key,
      name: input.name ?? row.name,
      description: input.description === undefined ? row.description : input.description,
      rules: rules === undefined ? row.rules : storedRules(rules),
    };
    await updateSetRow(trx, row.id, { ...next, updated_at: now });
    if (next.rules !== row.rules || next.key !== row.key || next.name !== row.name)
      await bumpAccessVersion(trx, org.id);
    await recordAuditEvent(trx, ctx, {
      orgId: org.id,
      action: "permission_set.updated",
      target: { type: "permission_set", id: row.id },
      before,
      after: { ...next, rules: rules === undefined ? before.rules : seedOf(rules) },
    });
    return toPermissionSetView(trx, { ...row, ...next, updated_at: now });
  });
}
