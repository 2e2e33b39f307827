import { addScimGroupMembers, insertScimGroup } from "../../db/queries/scim.js";
import type { ScimGroupsTable } from "../../db/schema.js";
import { inTransaction } from "../../db/transaction.js";
import { newId } from "../../lib/ids.js";
import { type Deps, nowIso } from "../context.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireLockedOrg } from "../shared/require.js";
import {
  assertNameFree,
  groupRepresentation,
  readGroupInput,
  reapply,
  requireUsers,
} from "./scim-group-shared.js";
import { type Json, type ScimCaller, scimContext } from "./scim-shared.js";

/** POST /Groups: a new directory group; its members get the group mapping applied. */
export async function createScimGroup(deps: Deps, caller: ScimCaller, body: unknown): Promise<Json> {
  const input = readGroupInput(body);
  const ctx = scimContext(deps);
  return inTransaction(deps.db, async (trx) => {
    const now = nowIso(ctx);
    await requireLockedOrg(trx, caller.orgId);
    await assertNameFree(trx, caller.orgId, input.displayName, null);
    await requireUsers(trx, caller.orgId, input.memberIds);
    const row: ScimGroupsTable = {
      id: newId(),
      org_id: caller.orgId,
      display_name: input.displayName,
      display_name_key: input.displayName.toLowerCase(),
      external_id: input.externalId,
      attributes: JSON.stringify(input.attributes),
      version: 1,
      created_at: now,
      updated_at: now,
    };
    await insertScimGroup(trx, row);
    await addScimGroupMembers(trx, caller.orgId, row.id, input.memberIds);
    await reapply(trx, ctx, caller.orgId, input.memberIds);
    await recordAuditEvent(trx, ctx, {
      orgId: caller.orgId,
      action: "scim_group.created",
      target: { type: "scim_group", id: row.id },
      after: { displayName: input.displayName, externalId: input.externalId, members: input.memberIds },
    });
    return groupRepresentation(trx, caller, row);
  });
}
