import {
  listDirectoryMembers,
  listGroupMappings,
  replaceGroupMappings,
} from "../../db/queries/directory-groups.js";
import { inTransaction } from "../../db/transaction.js";
import { type GroupMappingRule, groupKey } from "../../domain/identity/group-mapping.js";
import { newId } from "../../lib/ids.js";
import { nowIso, type ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireLockedOrg } from "../shared/require.js";
import { reconcileDirectoryAccess } from "./apply-directory-groups.js";
import { validateMapping } from "./group-mapping-input.js";
import { previewMappingChanges } from "./group-mapping-preview.js";

/**
 * Saves the mapping and applies it at once to every member the directory knows groups of, in one
 * transaction: nobody keeps access the new mapping takes away until their next sign-in. Changes that
 * would orphan a team or leave the org without an admin are held back and listed.
 */
export async function setGroupMapping(
  ctx: ServiceContext,
  input: { orgId: string; rules: GroupMappingRule[] },
) {
  await authorize(ctx, input.orgId, "sso:configure", { type: "org" });
  const now = nowIso(ctx);
  return inTransaction(ctx.db, async (trx) => {
    await requireLockedOrg(trx, input.orgId);
    await validateMapping(trx, input.orgId, input.rules);
    const before = await listGroupMappings(trx, input.orgId);
    const changes = await previewMappingChanges(trx, input.orgId, input.rules);
    await replaceGroupMappings(
      trx,
      input.orgId,
      input.rules.map((rule, position) => ({
        id: newId(),
        org_id: input.orgId,
        position,
        group_name: rule.group.trim(),
        group_key: groupKey(rule.group),
        role: rule.role,
        team_id: rule.teamId,
        team_role: rule.teamRole,
        department: rule.department,
        created_at: now,
      })),
    );
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "group_mapping.updated",
      target: { type: "org", id: input.orgId },
      before: { rules: before },
      after: { rules: input.rules },
    });
    const heldBack: string[] = [];
    const affected = new Set(changes.members.map((m) => m.userId));
    for (const member of await listDirectoryMembers(trx, input.orgId)) {
      if (!affected.has(member.userId)) continue;
      const result = await reconcileDirectoryAccess(trx, ctx, {
        orgId: input.orgId,
        userId: member.userId,
        onUnsafe: "hold",
      });
      heldBack.push(...result.heldBack);
    }
    return { rules: input.rules, applied: changes.members, heldBack };
  });
}
