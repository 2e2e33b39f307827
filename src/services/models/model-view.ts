import type { Executor } from "../../db/client.js";
import { findModel, type ModelRow } from "../../db/queries/models.js";
import { AppError } from "../../domain/errors.js";

export type ModelView = {
  id: string;
  key: string;
  name: string;
  provider: string | null;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
};

export function toModelView(row: ModelRow): ModelView {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    provider: row.provider,
    enabled: row.status === "enabled",
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function modelSnapshot(view: ModelView) {
  return { key: view.key, name: view.name, provider: view.provider, enabled: view.enabled };
}

export async function requireModel(db: Executor, orgId: string, modelId: string): Promise<ModelRow> {
  const row = await findModel(db, orgId, modelId);
  if (!row) throw new AppError("NOT_FOUND", { message: "That model is not in this organization's catalog." });
  return row;
}
