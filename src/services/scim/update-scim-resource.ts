import { inTransaction, type Trx } from "../../db/transaction.js";
import { applyPatch, readPatchRequest } from "../../domain/scim/patch.js";
import type { ResourceSchemas } from "../../domain/scim/schemas.js";
import { ScimError } from "../../domain/scim/scim-error.js";
import type { Deps, ServiceContext } from "../context.js";
import { requireLockedOrg } from "../shared/require.js";
import { type Json, type ScimCaller, scimContext } from "./scim-shared.js";

/** What a PUT or PATCH makes of a resource's current representation: the body to save. */
export type ScimUpdate = (current: Json) => unknown;

/** PUT: the body replaces every attribute (Okta sends the whole resource). */
export const replaceWith =
  (body: unknown): ScimUpdate =>
  () =>
    body;

/** PATCH: the operations (read before any database work) apply to the current representation. */
export function patchWith(body: unknown, resource: ResourceSchemas): ScimUpdate {
  const operations = readPatchRequest(body);
  return (current) => applyPatch(current, operations, resource);
}

/**
 * The step PUT and PATCH of Users and Groups share: under the org's lock, the resource is found (404
 * otherwise), represented as the client sees it, turned into the body to save, and saved; `save`
 * answers with the representation after the change.
 */
export function updateScimResource<Row>(
  deps: Deps,
  caller: ScimCaller,
  resource: {
    name: "User" | "Group";
    id: string;
    find(trx: Trx): Promise<Row | undefined>;
    represent(trx: Trx, row: Row): Promise<Json>;
  },
  update: ScimUpdate,
  save: (trx: Trx, ctx: ServiceContext, row: Row, body: unknown, current: Json) => Promise<Json>,
): Promise<Json> {
  const ctx = scimContext(deps);
  return inTransaction(deps.db, async (trx) => {
    await requireLockedOrg(trx, caller.orgId);
    const row = await resource.find(trx);
    if (!row) throw new ScimError(404, `No ${resource.name} with id ${resource.id} in this organization.`);
    const current = await resource.represent(trx, row);
    return save(trx, ctx, row, update(current), current);
  });
}
