import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { findPermissionSet, insertPermissionSets } from "../../db/queries/permission-sets.js";
import { inTransaction } from "../../db/transaction.js";
import { requireKey, rulesFromSeed } from "../../domain/access/permission-sets.js";
import { newId } from "../../lib/ids.js";
import { nowIso, type ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireLockedOrg } from "../shared/require.js";
import { type PermissionSetView, seedOf, storedRules, toPermissionSetView } from "./permission-set-views.js";

export type CreatePermissionSetInput = {
  orgId: string;
  key: string;
  name: string;
  description?: string | null;
  /** One set in the seed's format: {"ai_models": [...], "agent_creation": "admin_approval", ...}. */
  rules: unknown;
};

/** A shared set (admins). It governs nobody until it is assigned, so creating one changes no access yet. */
export async function createPermissionSet(
  ctx: ServiceContext,
  input: CreatePermissionSetInput,
): Promise<PermissionSetView> {
  await authorize(ctx, input.orgId, "policies:configure", { type: "org" });
  const key = requireKey(input.key);
  const rules = rulesFromSeed(input.rules, key);
  const now = nowIso(ctx);
  const id = newId();
  return inTransaction(ctx.db, async (trx) => {
    const org = await requireLockedOrg(trx, input.orgId);
    await insertPermissionSets(trx, [
      {
        id,
        org_id: org.id,
        key,
        name: input.name,
        description: input.description ?? null,
        kind: "shared",
        rules: storedRules(rules),
        created_at: now,
        updated_at: now,
      },
    ]);
    // Not assigned yet, so nobody's access moves; the version still moves so that a policy never
    // lists a set the database no longer agrees with.
    await bumpAccessVersion(trx, org.id);
    await recordAuditEvent(trx, ctx, {
      orgId: org.id,
      action: "permission_set.created",
      target: { type: "permission_set", id },
      after: { key, name: input.name, rules: seedOf(rules) },
    });
    const row = await findPermissionSet(trx, org.id, id);
    return toPermissionSetView(trx, row as NonNullable<typeof row>);
  });
}
