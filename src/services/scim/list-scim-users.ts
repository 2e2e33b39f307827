import { findScimUser, listScimUsers } from "../../db/queries/scim.js";
import { USER_RESOURCE } from "../../domain/scim/schemas.js";
import { ScimError } from "../../domain/scim/scim-error.js";
import type { Deps } from "../context.js";
import {
  type Json,
  type ListQuery,
  listResponse,
  planListFilter,
  projectResource,
  readPage,
  type ScimCaller,
} from "./scim-shared.js";
import { userRepresentation, userRepresentations } from "./scim-user-shared.js";

const INDEXED = { userName: "user_name_key", externalId: "external_id", id: "id" } as const;

/**
 * GET /Users: `attr eq "value"` on userName (case-insensitively), externalId or id is an indexed
 * query (Okta's and Entra's lookups, Entra's random-userName probe); any other filter is evaluated
 * against the org's users.
 */
export async function listScimUsersPage(deps: Deps, caller: ScimCaller, query: ListQuery): Promise<Json> {
  const page = readPage(query);
  const { lookup, keep } = planListFilter(query, USER_RESOURCE, INDEXED, "user_name_key");
  const rows = await listScimUsers(deps.db, caller.orgId, lookup);
  const all = (await userRepresentations(deps.db, caller, rows)).filter(keep);
  return listResponse(all, page, USER_RESOURCE, query);
}

export async function getScimUser(
  deps: Deps,
  caller: ScimCaller,
  id: string,
  query: Pick<ListQuery, "attributes" | "excludedAttributes">,
): Promise<Json> {
  const row = await findScimUser(deps.db, caller.orgId, id);
  if (!row) throw new ScimError(404, `No User with id ${id} in this organization.`);
  return projectResource(await userRepresentation(deps.db, caller, row), USER_RESOURCE, query);
}
