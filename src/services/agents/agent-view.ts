import type { Executor } from "../../db/client.js";
import { type AgentRow, findAgent } from "../../db/queries/agents.js";
import type { AgentScope, ShareLevel } from "../../domain/access/policy-data.js";
import { AppError } from "../../domain/errors.js";

export type AgentView = {
  id: string;
  key: string;
  name: string;
  description: string | null;
  scope: AgentScope;
  teamId: string | null;
  teamName: string | null;
  /** The creator: holds full access to it whatever its scope and shares. */
  ownerUserId: string | null;
  ownerName: string | null;
  createdAt: string;
  updatedAt: string;
};

export function toAgentView(row: AgentRow): AgentView {
  return {
    id: row.id,
    key: row.key,
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

/** What the audit trail keeps of an agent. */
export function agentSnapshot(view: AgentView) {
  return {
    key: view.key,
    name: view.name,
    description: view.description,
    scope: view.scope,
    teamId: view.teamId,
    ownerUserId: view.ownerUserId,
  };
}

export async function requireAgent(db: Executor, orgId: string, agentId: string): Promise<AgentRow> {
  const row = await findAgent(db, orgId, agentId);
  if (!row) throw new AppError("NOT_FOUND", { message: "That agent does not exist in this organization." });
  return row;
}

export type AgentShareView = { teamId: string; teamName: string; level: ShareLevel; createdAt: string };

export function toAgentShareViews(
  rows: readonly { team_id: string; team_name: string; level: ShareLevel; created_at: string }[],
): AgentShareView[] {
  return rows.map((r) => ({
    teamId: r.team_id,
    teamName: r.team_name,
    level: r.level,
    createdAt: r.created_at,
  }));
}
