import type { Executor } from "../client.js";
import type { ContextFilesTable } from "../schema.js";

function selectContextFiles(db: Executor, orgId: string) {
  return db
    .selectFrom("context_files as c")
    .leftJoin("teams as t", "t.id", "c.team_id")
    .leftJoin("users as u", "u.id", "c.owner_user_id")
    .selectAll("c")
    .select(["t.name as team_name", "u.name as owner_name"])
    .where("c.org_id", "=", orgId);
}

export function findContextFile(db: Executor, orgId: string, fileId: string) {
  return selectContextFiles(db, orgId).where("c.id", "=", fileId).executeTakeFirst();
}

export type ContextFileRow = NonNullable<Awaited<ReturnType<typeof findContextFile>>>;

export function listContextFilesByIds(db: Executor, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return selectContextFiles(db, orgId).where("c.id", "in", ids).orderBy("c.id").execute();
}

export async function insertContextFile(db: Executor, row: ContextFilesTable): Promise<void> {
  await db.insertInto("context_files").values(row).execute();
}

export async function updateContextFile(
  db: Executor,
  fileId: string,
  changes: Partial<
    Pick<ContextFilesTable, "name" | "description" | "scope" | "team_id" | "owner_user_id">
  > & {
    updated_at: string;
  },
): Promise<void> {
  await db.updateTable("context_files").set(changes).where("id", "=", fileId).execute();
}

export async function deleteContextFile(db: Executor, fileId: string): Promise<void> {
  await db.deleteFrom("context_files").where("id", "=", fileId).execute();
}
