import type { Executor } from "../client.js";
import type { KnowledgeBasesTable } from "../schema.js";

function selectKnowledgeBases(db: Executor, orgId: string) {
  return db
    .selectFrom("knowledge_bases as k")
    .leftJoin("teams as t", "t.id", "k.team_id")
    .leftJoin("users as u", "u.id", "k.owner_user_id")
    .selectAll("k")
    .select(["t.name as team_name", "u.name as owner_name"])
    .where("k.org_id", "=", orgId);
}

export function findKnowledgeBase(db: Executor, orgId: string, kbId: string) {
  return selectKnowledgeBases(db, orgId).where("k.id", "=", kbId).executeTakeFirst();
}

export type KnowledgeBaseRow = NonNullable<Awaited<ReturnType<typeof findKnowledgeBase>>>;

export function listKnowledgeBasesByIds(db: Executor, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return selectKnowledgeBases(db, orgId).where("k.id", "in", ids).orderBy("k.id").execute();
}

export async function insertKnowledgeBase(db: Executor, row: KnowledgeBasesTable): Promise<void> {
  await db.insertInto("knowledge_bases").values(row).execute();
}

export async function updateKnowledgeBase(
  db: Executor,
  kbId: string,
  changes: Partial<
    Pick<KnowledgeBasesTable, "key" | "name" | "visibility" | "department" | "team_id" | "owner_user_id">
  > & { updated_at: string },
): Promise<void> {
  await db.updateTable("knowledge_bases").set(changes).where("id", "=", kbId).execute();
}

export async function deleteKnowledgeBase(db: Executor, kbId: string): Promise<void> {
  await db.deleteFrom("knowledge_bases").where("id", "=", kbId).execute();
}
