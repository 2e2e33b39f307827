import { findScimUser, listScimUsers } from "../../db/queries/scim.js";
import { matchesFilter, parseFilter, simpleEquality } from "../../domain/scim/filter.js";
import { USER_RESOURCE } from "../../domain/scim/schemas.js";
import { ScimError } from "../../domain/scim/scim-error.js";
import type { Deps } from "../context.js";
import {
  type Json,
  type ListQuery,
  listResponse,
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
  const filter = query.filter?.trim() ? parseFilter(query.filter, USER_RESOURCE) : undefined;
  const equality = filter ? simpleEquality(filter, USER_RESOURCE) : undefined;
  const column = equality ? INDEXED[equality.attribute as keyof typeof INDEXED] : undefined;
  const rows =
    equality && column
      ? await listScimUsers(deps.db, caller.orgId, {
          column,
          value: column === "user_name_key" ? equality.value.toLowerCase() : equality.value,
        })
      : await listScimUsers(deps.db, caller.orgId);
  let all = await userRepresentations(deps.db, caller, rows);
  if (filter && !column) all = all.filter((item) => matchesFilter(filter, item, USER_RESOURCE));
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
