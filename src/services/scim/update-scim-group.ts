import {
  addScimGroupMembers,
  findScimGroup,
  removeScimGroupMembers,
  updateScimGroup,
} from "../../db/queries/scim.js";
import type { ScimGroupsTable } from "../../db/schema.js";
import type { Trx } from "../../db/transaction.js";
import { GROUP_RESOURCE } from "../../domain/scim/schemas.js";
import { type Deps, nowIso } from "../context.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import {
  assertNameFree,
  groupRepresentation,
  readGroupInput,
  reapply,
  requireUsers,
} from "./scim-group-shared.js";
import type { Json, ScimCaller } from "./scim-shared.js";
import { patchWith, replaceWith, type ScimUpdate, updateScimResource } from "./update-scim-resource.js";

/** PUT /Groups/:id: the body replaces the group. */
export function replaceScimGroup(deps: Deps, caller: ScimCaller, id: string, body: unknown): Promise<Json> {
  return updateGroup(deps, caller, id, replaceWith(body));
}

/** PATCH /Groups/:id: Okta and Entra ID add and remove members with it. */
export function patchScimGroup(deps: Deps, caller: ScimCaller, id: string, body: unknown): Promise<Json> {
  return updateGroup(deps, caller, id, patchWith(body, GROUP_RESOURCE));
}

function updateGroup(deps: Deps, caller: ScimCaller, id: string, update: ScimUpdate): Promise<Json> {
  const resource = {
    name: "Group" as const,
    id,
    find: (trx: Trx) => findScimGroup(trx, caller.orgId, id),
    represent: (trx: Trx, row: ScimGroupsTable) => groupRepresentation(trx, caller, row),
  };
  return updateScimResource(deps, caller, resource, update, async (trx, ctx, row, body, current) => {
    const input = readGroupInput(body);
    const renamed = input.displayName !== row.display_name;
    if (input.displayName.toLowerCase() !== row.display_name_key) {
      await assertNameFree(trx, caller.orgId, input.displayName, row.id);
    }
    await requireUsers(trx, caller.orgId, input.memberIds);
    const before = new Set(((current.members as Json[]) ?? []).map((m) => String(m.value)));
    const after = new Set(input.memberIds);
    const added = [...after].filter((m) => !before.has(m));
    const removed = [...before].filter((m) => !after.has(m));
    const attributes = JSON.stringify(input.attributes);
    if (
      !renamed &&
      added.length === 0 &&
      removed.length === 0 &&
      input.externalId === row.external_id &&
      attributes === row.attributes
    ) {
      return current;
    }
    const updated = {
      display_name: input.displayName,
      display_name_key: input.displayName.toLowerCase(),
      external_id: input.externalId,
      attributes,
      version: row.version + 1,
      updated_at: nowIso(ctx),
    };
    await updateScimGroup(trx, row.id, updated);
    await addScimGroupMembers(trx, caller.orgId, row.id, added);
    await removeScimGroupMembers(trx, row.id, removed);
    await reapply(trx, ctx, caller.orgId, renamed ? [...after, ...removed] : [...added, ...removed]);
    await recordAuditEvent(trx, ctx, {
      orgId: caller.orgId,
      action: "scim_group.updated",
      target: { type: "scim_group", id: row.id },
      before: { displayName: row.display_name, externalId: row.external_id },
      after: { displayName: input.displayName, externalId: input.externalId, added, removed },
    });
    return groupRepresentation(trx, caller, { ...row, ...updated });
  });
}
