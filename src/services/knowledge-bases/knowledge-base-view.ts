import type { Executor } from "../../db/client.js";
import { findKnowledgeBase, type KnowledgeBaseRow } from "../../db/queries/knowledge-bases.js";
import type { KnowledgeBaseVisibility } from "../../domain/access/policy-data.js";
import { AppError } from "../../domain/errors.js";
import { requireTeam } from "../shared/require.js";

export type KnowledgeBaseView = {
  id: string;
  key: string;
  name: string;
  visibility: KnowledgeBaseVisibility;
  department: string | null;
  teamId: string | null;
  teamName: string | null;
  ownerUserId: string | null;
  ownerName: string | null;
  createdAt: string;
  updatedAt: string;
};

export function toKnowledgeBaseView(row: KnowledgeBaseRow): KnowledgeBaseView {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    visibility: row.visibility,
    department: row.department,
    teamId: row.team_id,
    teamName: row.team_name,
    ownerUserId: row.owner_user_id,
    ownerName: row.owner_name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function knowledgeBaseSnapshot(view: KnowledgeBaseView) {
  return {
    key: view.key,
    name: view.name,
    visibility: view.visibility,
    department: view.department,
    teamId: view.teamId,
    ownerUserId: view.ownerUserId,
  };
}

export async function requireKnowledgeBase(
  db: Executor,
  orgId: string,
  kbId: string,
): Promise<KnowledgeBaseRow> {
  const row = await findKnowledgeBase(db, orgId, kbId);
  if (!row)
    throw new AppError("NOT_FOUND", { message: "That knowledge base does not exist in this organization." });
  return row;
}

export type Placement = {
  visibility: KnowledgeBaseVisibility;
  department: string | null;
  teamId: string | null;
};

/**
 * Who a knowledge base is for: everyone (public), one department, one team, or its owner (personal).
 * A department knowledge base names its department, a team one its team; the others name neither.
 */
export async function resolvePlacement(
  db: Executor,
  orgId: string,
  placement: { visibility: KnowledgeBaseVisibility; department?: string | null; teamId?: string | null },
): Promise<Placement> {
  const { visibility } = placement;
  const department = placement.department?.trim() || null;
  const teamId = placement.teamId ?? null;
  if (visibility === "department" && department === null) {
    throw new AppError("VALIDATION_FAILED", {
      message: "A department knowledge base needs the department it is for, e.g. finance.",
      details: { field: "department" },
    });
  }
  if (visibility !== "department" && department !== null) {
    throw new AppError("VALIDATION_FAILED", {
      message: `Only department knowledge bases name a department. Leave department out for ${visibility} visibility.`,
      details: { field: "department" },
    });
  }
  if (visibility === "team") {
    if (teamId === null) {
      throw new AppError("VALIDATION_FAILED", {
        message: "A team knowledge base needs a teamId: the team it is for.",
        details: { field: "teamId" },
      });
    }
    await requireTeam(db, orgId, teamId);
  } else if (teamId !== null) {
    throw new AppError("VALIDATION_FAILED", {
      message: `Only team knowledge bases belong to a team. Leave teamId out for ${visibility} visibility.`,
      details: { field: "teamId" },
    });
  }
  return { visibility, department, teamId };
}
