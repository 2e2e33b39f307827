import { findScimGroup, listScimGroups } from "../../db/queries/scim.js";
import { GROUP_RESOURCE } from "../../domain/scim/schemas.js";
import { ScimError } from "../../domain/scim/scim-error.js";
import type { Deps } from "../context.js";
import { groupRepresentation, groupRepresentations } from "./scim-group-shared.js";
import {
  type Json,
  type ListQuery,
  listResponse,
  planListFilter,
  projectResource,
  readPage,
  type ScimCaller,
} from "./scim-shared.js";

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
