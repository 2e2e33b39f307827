import { findImport } from "../../db/queries/imports.js";
import type { ImportRow } from "../../db/schema.js";
import { AppError } from "../../domain/errors.js";
import type { ServiceContext } from "../context.js";

export async function getImport(
  ctx: ServiceContext,
  input: { orgId: string; importId: string },
): Promise<ImportRow> {
  const row = await findImport(ctx.db, input.orgId, input.importId);
  if (!row) throw new AppError("NOT_FOUND", { message: "That import does not exist in this organization." });
  return row;
}
