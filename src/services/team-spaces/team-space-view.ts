import type { Executor } from "../../db/client.js";
import {
  findTeamSpace,
  listTeamSpaceAccess,
  listTeamSpaceListedResources,
  listTeamSpaceResources,
  type TeamSpaceRow,
} from "../../db/queries/team-spaces.js";
import type { SpaceLevel, SpaceResourceType } from "../../domain/access/policy-data.js";
import { AppError } from "../../domain/errors.js";

export type TeamSpaceResourceView = { resourceType: SpaceResourceType; resourceId: string };
export type TeamSpaceAccessView = {
  teamId: string;
  teamName: string;
  level: SpaceLevel;
  /** null: the whole space; otherwise only these of its resources ("Specific resource access"). */
  resources: TeamSpaceResourceView[] | null;
};

export type TeamSpaceView = {
  id: string;
  key: string;
  name: string;
  description: string | null;
  /** mixus "Access Control": each team's full / view / none, to the whole space or to listed resources. */
  access: TeamSpaceAccessView[];
  createdAt: string;
  updatedAt: string;
};

export type TeamSpaceDetailView = TeamSpaceView & {
  /** Shared agents, integrations, knowledge bases, and the AI product's files and chats. */
  resources: TeamSpaceResourceView[];
};

export async function toTeamSpaceViews(
  db: Executor,
  rows: readonly TeamSpaceRow[],
): Promise<TeamSpaceView[]> {
  const ids = rows.map((r) => r.id);
  const access = await listTeamSpaceAccess(db, ids);
  const listed = await listTeamSpaceListedResources(db, ids);
  const resourcesOf = (spaceId: string, teamId: string) =>
    listed
      .filter((l) => l.team_space_id === spaceId && l.team_id === teamId)
      .map((l) => ({ resourceType: l.resource_type, resourceId: l.resource_id }));
  return rows.map((row) => ({
    id: row.id,
    key: row.key,
    name: row.name,
    description: row.description,
    access: access
      .filter((a) => a.team_space_id === row.id)
      .map((a) => ({
        teamId: a.team_id,
        teamName: a.team_name,
        level: a.level,
        resources: a.reach === "resources" ? resourcesOf(row.id, a.team_id) : null,
      })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
}

export async function loadTeamSpaceDetail(
  db: Executor,
  orgId: string,
  spaceId: string,
): Promise<TeamSpaceDetailView> {
  const row = await requireTeamSpace(db, orgId, spaceId);
  const [view] = await toTeamSpaceViews(db, [row]);
  const resources = await listTeamSpaceResources(db, row.id);
  return {
    ...(view as TeamSpaceView),
    resources: resources.map((r) => ({ resourceType: r.resource_type, resourceId: r.resource_id })),
  };
}

export function teamSpaceSnapshot(view: TeamSpaceView) {
  return { key: view.key, name: view.name, description: view.description };
}

export async function requireTeamSpace(db: Executor, orgId: string, spaceId: string): Promise<TeamSpaceRow> {
  const row = await findTeamSpace(db, orgId, spaceId);
  if (!row)
    throw new AppError("NOT_FOUND", { message: "That team space does not exist in this organization." });
  return row;
}
