import { findScimUser, type ScimUserRow, updateScimUser } from "../../db/queries/scim.js";
import { findUserById } from "../../db/queries/users.js";
import type { Trx } from "../../db/transaction.js";
import { USER_RESOURCE } from "../../domain/scim/schemas.js";
import { ScimError } from "../../domain/scim/scim-error.js";
import { type Deps, nowIso, type ServiceContext } from "../context.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import type { Json, ScimCaller } from "./scim-shared.js";
import {
  applyDepartment,
  assertUserNameFree,
  readUserInput,
  setMemberActive,
  userRepresentation,
} from "./scim-user-shared.js";
import { patchWith, replaceWith, type ScimUpdate, updateScimResource } from "./update-scim-resource.js";

/** PUT /Users/:id: the body replaces every attribute (Okta sends the whole user). */
export function replaceScimUser(deps: Deps, caller: ScimCaller, id: string, body: unknown): Promise<Json> {
  return updateUser(deps, caller, id, replaceWith(body));
}

/** PATCH /Users/:id: the operations apply to the current representation; the difference is saved. */
export function patchScimUser(deps: Deps, caller: ScimCaller, id: string, body: unknown): Promise<Json> {
  return updateUser(deps, caller, id, patchWith(body, USER_RESOURCE));
}

function updateUser(deps: Deps, caller: ScimCaller, id: string, update: ScimUpdate): Promise<Json> {
  const resource = {
    name: "User" as const,
    id,
    find: (trx: Trx) => findScimUser(trx, caller.orgId, id),
    represent: (trx: Trx, row: ScimUserRow) => userRepresentation(trx, caller, row),
  };
  return updateScimResource(deps, caller, resource, update, async (trx, ctx, row, body) => {
    await saveUser(trx, ctx, caller, row.id, readUserInput(body));
    const saved = await findScimUser(trx, caller.orgId, id);
    if (!saved) throw new Error("SCIM user vanished");
    return userRepresentation(trx, caller, saved);
  });
}

async function saveUser(
  trx: Trx,
  ctx: ServiceContext,
  caller: ScimCaller,
  id: string,
  input: ReturnType<typeof readUserInput>,
): Promise<void> {
  const row = await findScimUser(trx, caller.orgId, id);
  if (!row) throw new ScimError(404, `No User with id ${id} in this organization.`);
  if (input.userNameKey !== row.user_name_key)
    await assertUserNameFree(trx, caller.orgId, input.userNameKey, row.id);
  const before = JSON.parse(row.attributes) as Json;
  const attributes = JSON.stringify(input.attributes);
  const changed =
    attributes !== row.attributes ||
    input.userName !== row.user_name ||
    input.externalId !== row.external_id ||
    (input.active ? 1 : 0) !== row.active;
  if (!changed) return;

  if ((input.active ? 1 : 0) !== row.active)
    await setMemberActive(trx, ctx, caller.orgId, row.user_id, input.active);
  await applyDepartment(trx, ctx, caller.orgId, row.user_id, input.department);
  // An account made by SCIM (no password) follows the directory's name.
  const user = await findUserById(trx, row.user_id);
  if (user && user.password_hash === null && user.name !== input.name) {
    await trx
      .updateTable("users")
      .set({ name: input.name, updated_at: nowIso(ctx) })
      .where("id", "=", user.id)
      .execute();
  }
  await updateScimUser(trx, row.id, {
    user_name: input.userName,
    user_name_key: input.userNameKey,
    external_id: input.externalId,
    attributes,
    active: input.active ? 1 : 0,
    version: row.version + 1,
    updated_at: nowIso(ctx),
  });
  const changedKeys = [...new Set([...Object.keys(before), ...Object.keys(input.attributes)])].filter(
    (k) => JSON.stringify(before[k]) !== JSON.stringify(input.attributes[k]),
  );
  await recordAuditEvent(trx, ctx, {
    orgId: caller.orgId,
    action: "scim_user.updated",
    target: { type: "scim_user", id: row.id },
    before: Object.fromEntries(changedKeys.map((k) => [k, before[k] ?? null])),
    after: Object.fromEntries(changedKeys.map((k) => [k, input.attributes[k] ?? null])),
  });
}
