import type { Executor } from "../../db/client.js";
import {
  listGroupsOfScimUsers,
  listScimGroupMembers,
  listScimGroups,
  listScimUsers,
  type ScimUserRow,
} from "../../db/queries/scim.js";
import type { ScimGroupsTable } from "../../db/schema.js";
import type { Trx } from "../../db/transaction.js";
import { GROUP_SCHEMA } from "../../domain/scim/schemas.js";
import { ScimError } from "../../domain/scim/scim-error.js";
import type { ServiceContext } from "../context.js";
import { applyDirectoryGroups } from "../directory/apply-directory-groups.js";
import { isObject, type Json, keyOf, type ScimCaller, versionTag } from "./scim-shared.js";

/**
 * SCIM Groups: directory groups whose members Gatehouse maps to roles, teams and departments with the
 * org's group mapping. Every change to a group's members or name re-applies the mapping to each
 * affected member in the same transaction; a change that would leave no admin or a team without an
 * owner fails the whole request.
 */

export type GroupInput = {
  displayName: string;
  externalId: string | null;
  memberIds: string[];
  attributes: Json;
};

export function readGroupInput(body: unknown): GroupInput {
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

export async function groupRepresentations(
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
export type Selectable = ScimGroupsTable;

export async function groupRepresentation(db: Executor, caller: ScimCaller, row: Selectable): Promise<Json> {
  const [one] = await groupRepresentations(db, caller, [row]);
  return one as Json;
}

export async function assertNameFree(trx: Trx, orgId: string, displayName: string, exceptId: string | null) {
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

export async function requireUsers(trx: Trx, orgId: string, ids: readonly string[]): Promise<void> {
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
export async function reapply(trx: Trx, ctx: ServiceContext, orgId: string, scimUserIds: readonly string[]) {
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
