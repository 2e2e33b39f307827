import type { Executor } from "../../db/client.js";
import { type ContextFileRow, findContextFile } from "../../db/queries/context-files.js";
import type { ContextFileScope } from "../../domain/access/policy-data.js";
import { AppError } from "../../domain/errors.js";

export type ContextFileView = {
  id: string;
  name: string;
  description: string | null;
  scope: ContextFileScope;
  teamId: string | null;
  teamName: string | null;
  ownerUserId: string | null;
  ownerName: string | null;
  createdAt: string;
  updatedAt: string;
};

export function toContextFileView(row: ContextFileRow): ContextFileView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    scope: row.scope,
    teamId: row.team_id,
    teamName: row.team_name,
    ownerUserId: row.owner_user_id,
    ownerName: row.owner_name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function contextFileSnapshot(view: ContextFileView) {
  return {
    name: view.name,
    description: view.description,
    scope: view.scope,
    teamId: view.teamId,
    ownerUserId: view.ownerUserId,
  };
}

export async function requireContextFile(
  db: Executor,
  orgId: string,
  fileId: string,
): Promise<ContextFileRow> {
  const row = await findContextFile(db, orgId, fileId);
  if (!row)
    throw new AppError("NOT_FOUND", { message: "That context file does not exist in this organization." });
  return row;
}
