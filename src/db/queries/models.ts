import type { Executor } from "../client.js";
import type { ModelsTable } from "../schema.js";

export function findModel(db: Executor, orgId: string, modelId: string) {
  return db
    .selectFrom("models")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", modelId)
    .executeTakeFirst();
}

export type ModelRow = NonNullable<Awaited<ReturnType<typeof findModel>>>;

/** The org's AI model catalog in id (creation) order. */
export function listModelsPage(db: Executor, orgId: string, page: { afterId: string | null; limit: number }) {
  return db
    .selectFrom("models")
    .selectAll()
    .where("org_id", "=", orgId)
    .$if(page.afterId !== null, (q) => q.where("id", ">", page.afterId as string))
    .orderBy("id")
    .limit(page.limit)
    .execute();
}

export async function insertModel(db: Executor, row: ModelsTable): Promise<void> {
  await db.insertInto("models").values(row).execute();
}

export async function updateModel(
  db: Executor,
  modelId: string,
  changes: Partial<Pick<ModelsTable, "key" | "name" | "provider" | "status">> & { updated_at: string },
): Promise<void> {
  await db.updateTable("models").set(changes).where("id", "=", modelId).execute();
}

export async function deleteModel(db: Executor, modelId: string): Promise<void> {
  await db.deleteFrom("models").where("id", "=", modelId).execute();
}
