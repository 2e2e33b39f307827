import { bumpAccessVersion } from "../../db/queries/orgs.js";
import {
  findPermissionSetsByKeys,
  insertPermissionSets,
  type PermissionSetRow,
  updatePermissionSet,
} from "../../db/queries/permission-sets.js";
import { inTransaction } from "../../db/transaction.js";
import { sameRules } from "../../domain/access/mass-update.js";
import { parseSeedPermissionSets } from "../../domain/access/permission-sets.js";
import { AppError } from "../../domain/errors.js";
import { newId } from "../../lib/ids.js";
import { nowIso, type ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireLockedOrg } from "../shared/require.js";
import {
  type PermissionSetView,
  rulesOfRow,
  seedOf,
  storedRules,
  toPermissionSetViews,
} from "./permission-set-views.js";

export const MAX_SETS_PER_DOCUMENT = 100;

export type ImportPermissionSetsResult = {
  created: string[];
  updated: string[];
  unchanged: string[];
  items: PermissionSetView[];
};

/** "marketing_team" → "Marketing team": the name a set gets when the document only gives its key. */
function nameFromKey(key: string): string {
  const words = key.replace(/[_.-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The seed's whole document as written (`{"marketing_team": {...}, "finance_team": {...}}`), upserted by
 * key in one transaction: new keys become shared sets, known keys get the document's rules (their name,
 * description and assignments stay). Sets the document does not name are left alone. Admins.
 */
export async function importPermissionSets(
  ctx: ServiceContext,
  input: { orgId: string; document: unknown },
): Promise<ImportPermissionSetsResult> {
  await authorize(ctx, input.orgId, "policies:configure", { type: "org" });
  const sets = parseSeedPermissionSets(input.document);
  if (sets.length === 0 || sets.length > MAX_SETS_PER_DOCUMENT) {
    throw new AppError("VALIDATION_FAILED", {
      message: `Send between 1 and ${MAX_SETS_PER_DOCUMENT} named sets, e.g. {"marketing_team": {"ai_models": ["gpt-4"]}}.`,
    });
  }
  const keys = sets.map((s) => s.key);
  const repeated = keys.filter((key, i) => keys.indexOf(key) !== i);
  if (repeated.length > 0) {
    throw new AppError("VALIDATION_FAILED", {
      message: `The document names ${repeated.join(", ")} more than once (keys ignore case). Keep one of each.`,
      details: { keys: repeated },
    });
  }
  const now = nowIso(ctx);
  return inTransaction(ctx.db, async (trx) => {
    const org = await requireLockedOrg(trx, input.orgId);
    const existing = new Map((await findPermissionSetsByKeys(trx, org.id, keys)).map((r) => [r.key, r]));
    const result: Omit<ImportPermissionSetsResult, "items"> = { created: [], updated: [], unchanged: [] };
    const rows: PermissionSetRow[] = [];
    for (const { key, rules } of sets) {
      const row = existing.get(key);
      if (row === undefined) {
        const created: PermissionSetRow = {
          id: newId(),
          org_id: org.id,
          key,
          name: nameFromKey(key),
          description: null,
          kind: "shared",
          rules: storedRules(rules),
          created_at: now,
          updated_at: now,
        };
        await insertPermissionSets(trx, [created]);
        await recordAuditEvent(trx, ctx, {
          orgId: org.id,
          action: "permission_set.created",
          target: { type: "permission_set", id: created.id },
          after: { key, name: created.name, rules: seedOf(rules) },
        });
        result.created.push(key);
        rows.push(created);
        continue;
      }
      const before = rulesOfRow(row);
      if (sameRules(before, rules)) {
        result.unchanged.push(key);
        rows.push(row);
        continue;
      }
      await updatePermissionSet(trx, row.id, { rules: storedRules(rules), updated_at: now });
      await recordAuditEvent(trx, ctx, {
        orgId: org.id,
        action: "permission_set.updated",
        target: { type: "permission_set", id: row.id },
        before: { key, rules: seedOf(before) },
        after: { key, rules: seedOf(rules) },
      });
      result.updated.push(key);
      rows.push({ ...row, rules: storedRules(rules), updated_at: now });
    }
    if (result.created.length + result.updated.length > 0) await bumpAccessVersion(trx, org.id);
    return { ...result, items: await toPermissionSetViews(trx, rows) };
  });
}
