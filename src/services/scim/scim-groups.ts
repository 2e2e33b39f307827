import type { Executor } from "../../db/client.js";
import {
  addScimGroupMembers,
  deleteScimGroup,
  findScimGroup,
  insertScimGroup,
  listGroupsOfScimUsers,
  listScimGroupMembers,
  listScimGroups,
  listScimUsers,
  removeScimGroupMembers,
  type ScimUserRow,
  updateScimGroup,
} from "../../db/queries/scim.js";
import type { ScimGroupsTable } from "../../db/schema.js";
import { inTransaction, type Trx } from "../../db/transaction.js";
import { applyPatch, readPatchRequest } from "../../domain/scim/patch.js";
import { GROUP_RESOURCE, GROUP_SCHEMA } from "../../domain/scim/schemas.js";
import { ScimError } from "../../domain/scim/scim-error.js";
import { newId } from "../../lib/ids.js";
import { type Deps, nowIso, type ServiceContext } from "../context.js";
import { applyDirectoryGroups } from "../directory/apply-directory-groups.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireLockedOrg } from "../shared/require.js";
import {
  isObject,
  type Json,
  keyOf,
  type ListQuery,
  listResponse,
  planListFilter,
  projectResource,
  readPage,
  type ScimCaller,
  scimContext,
  versionTag,
} from "./scim-shared.js";

/**
 * SCIM Groups: directory groups whose members Gatehouse maps to roles, teams and departments with the
 * org's group mapping. Every change to a group's members or name re-applies the mapping to each
 * affected member in the same transaction; a change that would leave no admin or a team without an
 * owner fails the whole request.
 */

type GroupInput = { displayName: string; externalId: string | null; memberIds: string[]; attributes: Json };

function readGroupInput(body: unknown): GroupInput {
  if (!isObject(body)) throw new ScimError(400, "The body must be a SCIM Group object.", "invalidSyntax");
  const nameKey = keyOf(body, "displayName");
  const displayName = nameKey && typeof body[nameKey] === "string" ? (body[nameKey] as string).trim() : "";
  if (displayName === "") throw new ScimError(400, "displayName is required.", "invalidValue");
  if (displayName.length > 256)
    throw new ScimError(400, "displayName is longer than 256 characters.", "invalidValue");
  const externalKey = keyOf(body, "externalId");
  const external = externalKey ? body[externalKey] : undefined;
  const membersKey = keyOf(body, "members");
  const members = membersKey ? body[membersKey] : undefined;
  if (members !== undefined && members !== null && !Array.isArray(members)) {
    throw new ScimError(400, "members must be a list of {value: <User id>}.", "invalidValue");
  }
  const memberIds = new Set<string>();
  for (const member of (members as unknown[] | null | undefined) ?? []) {
    const value = isObject(member) ? member.value : undefined;
    if (typeof value !== "string" || value === "") {
      throw new ScimError(400, "Each member needs a value: the id of a User.", "invalidValue");
    }
    memberIds.add(value);
  }
  const attributes: Json = {};
  for (const [key, value] of Object.entries(body)) {
    if (!["id", "meta", "schemas", "members", "displayname", "externalid"].includes(key.toLowerCase())) {
      attributes[key] = value;
    }
  }
  return {
    displayName,
    externalId: typeof external === "string" && external.trim() !== "" ? external.trim() : null,
    memberIds: [...memberIds],
    attributes,
  };
}

async function groupRepresentations(
  db: Executor,
  caller: ScimCaller,
  rows: readonly Selectable[],
): Promise<Json[]> {
  const members = await listScimGroupMembers(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    schemas: [GROUP_SCHEMA],
    id: row.id,
    ...(JSON.parse(row.attributes) as Json),
    ...(row.external_id !== null && { externalId: row.external_id }),
    displayName: row.display_name,
    members: members
      .filter((m) => m.group_id === row.id)
      .map((m) => ({
        value: m.scim_user_id,
        display: m.user_name,
        $ref: `${caller.baseUrl}/Users/${m.scim_user_id}`,
        type: "User",
      })),
    meta: {
      resourceType: "Group",
      created: row.created_at,
      lastModified: row.updated_at,
      location: `${caller.baseUrl}/Groups/${row.id}`,
      version: versionTag(row.version),
    },
  }));
}
type Selectable = ScimGroupsTable;

async function groupRepresentation(db: Executor, caller: ScimCaller, row: Selectable): Promise<Json> {
  const [one] = await groupRepresentations(db, caller, [row]);
  return one as Json;
}

async function assertNameFree(trx: Trx, orgId: string, displayName: string, exceptId: string | null) {
  const [other] = await listScimGroups(trx, orgId, {
    column: "display_name_key",
    value: displayName.toLowerCase(),
  });
  if (other && other.id !== exceptId) {
    throw new ScimError(
      409,
      `A group named "${other.display_name}" already exists (id ${other.id}).`,
      "uniqueness",
    );
  }
}

async function requireUsers(trx: Trx, orgId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const known = new Set((await listScimUsers(trx, orgId)).map((u) => u.id));
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length > 0) {
    throw new ScimError(
      400,
      `No User with id ${missing.slice(0, 5).join(", ")} in this organization: provision the user before adding them to a group.`,
      "invalidValue",
    );
  }
}

/** Re-applies the group mapping to each affected user with all of their SCIM groups. */
async function reapply(trx: Trx, ctx: ServiceContext, orgId: string, scimUserIds: readonly string[]) {
  if (scimUserIds.length === 0) return;
  const users = (await listScimUsers(trx, orgId)).filter((u) => scimUserIds.includes(u.id));
  const groups = await listGroupsOfScimUsers(
    trx,
    users.map((u) => u.id),
  );
  for (const user of users as ScimUserRow[]) {
    await applyDirectoryGroups(trx, ctx, {
      orgId,
      userId: user.user_id,
      source: "scim",
      groups: groups.filter((g) => g.scim_user_id === user.id).map((g) => g.display_name),
      onUnsafe: "throw",
    });
  }
}

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

export function replaceScimGroup(deps: Deps, caller: ScimCaller, id: string, body: unknown): Promise<Json> {
  return updateGroup(deps, caller, id, () => body);
}

export function patchScimGroup(deps: Deps, caller: ScimCaller, id: string, body: unknown): Promise<Json> {
  const operations = readPatchRequest(body);
  return updateGroup(deps, caller, id, (current) => applyPatch(current, operations, GROUP_RESOURCE));
}

async function updateGroup(
  deps: Deps,
  caller: ScimCaller,
  id: string,
  next: (current: Json) => unknown,
): Promise<Json> {
  const ctx = scimContext(deps);
  return inTransaction(deps.db, async (trx) => {
    await requireLockedOrg(trx, caller.orgId);
    const row = await findScimGroup(trx, caller.orgId, id);
    if (!row) throw new ScimError(404, `No Group with id ${id} in this organization.`);
    const current = await groupRepresentation(trx, caller, row);
    const input = readGroupInput(next(current));
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

export async function deleteScimGroupById(deps: Deps, caller: ScimCaller, id: string): Promise<void> {
  const ctx = scimContext(deps);
  await inTransaction(deps.db, async (trx) => {
    await requireLockedOrg(trx, caller.orgId);
    const row = await findScimGroup(trx, caller.orgId, id);
    if (!row) throw new ScimError(404, `No Group with id ${id} in this organization.`);
    const members = (await listScimGroupMembers(trx, [row.id])).map((m) => m.scim_user_id);
    await deleteScimGroup(trx, row.id);
    await reapply(trx, ctx, caller.orgId, members);
    await recordAuditEvent(trx, ctx, {
      orgId: caller.orgId,
      action: "scim_group.deleted",
      target: { type: "scim_group", id: row.id },
      before: { displayName: row.display_name, members },
    });
  });
}

const INDEXED = { displayName: "display_name_key", externalId: "external_id", id: "id" } as const;

export async function listScimGroupsPage(deps: Deps, caller: ScimCaller, query: ListQuery): Promise<Json> {
  const page = readPage(query);
  const { lookup, keep } = planListFilter(query, GROUP_RESOURCE, INDEXED, "display_name_key");
  const rows = await listScimGroups(deps.db, caller.orgId, lookup);
  const all = (await groupRepresentations(deps.db, caller, rows)).filter(keep);
  return listResponse(all, page, GROUP_RESOURCE, query);
}

export async function getScimGroup(
  deps: Deps,
  caller: ScimCaller,
  id: string,
  query: Pick<ListQuery, "attributes" | "excludedAttributes">,
): Promise<Json> {
  const row = await findScimGroup(deps.db, caller.orgId, id);
  if (!row) throw new ScimError(404, `No Group with id ${id} in this organization.`);
  return projectResource(await groupRepresentation(deps.db, caller, row), GROUP_RESOURCE, query);
}
