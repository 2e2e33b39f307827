import type { Executor } from "../../db/client.js";
import {
  findTeamSpace,
  listTeamSpaceAccess,
  listTeamSpaceResources,
  type TeamSpaceRow,
} from "../../db/queries/team-spaces.js";
import type { SpaceLevel, SpaceResourceType } from "../../domain/access/policy-data.js";
import { AppError } from "../../domain/errors.js";

export type TeamSpaceAccessView = { teamId: string; teamName: string; level: SpaceLevel };
export type TeamSpaceResourceView = { resourceType: SpaceResourceType; resourceId: string };

export type TeamSpaceView = {
  id: string;
  key: string;
  name: string;
  description: string | null;
  /** mixus "Access Control": each team's full / view / none. */
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
  const access = await listTeamSpaceAccess(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    id: row.id,
    key: row.key,
    name: row.name,
    description: row.description,
    access: access
      .filter((a) => a.team_space_id === row.id)
      .map((a) => ({ teamId: a.team_id, teamName: a.team_name, level: a.level })),
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
