import type { ShareLevel } from "../../domain/access/policy-data.js";
import type { Executor } from "../client.js";
import type { AgentsTable } from "../schema.js";

/** Agents with the names of their team and owner, for views. */
function selectAgents(db: Executor, orgId: string) {
  return db
    .selectFrom("agents as a")
    .leftJoin("teams as t", "t.id", "a.team_id")
    .leftJoin("users as u", "u.id", "a.owner_user_id")
    .selectAll("a")
    .select(["t.name as team_name", "u.name as owner_name"])
    .where("a.org_id", "=", orgId);
}

export function findAgent(db: Executor, orgId: string, agentId: string) {
  return selectAgents(db, orgId).where("a.id", "=", agentId).executeTakeFirst();
}

export type AgentRow = NonNullable<Awaited<ReturnType<typeof findAgent>>>;

/** The given agents of one org, in id order (ids of other orgs are ignored). */
export function listAgentsByIds(db: Executor, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return selectAgents(db, orgId).where("a.id", "in", ids).orderBy("a.id").execute();
}

export async function insertAgent(db: Executor, row: AgentsTable): Promise<void> {
  await db.insertInto("agents").values(row).execute();
}

export async function updateAgent(
  db: Executor,
  agentId: string,
  changes: Partial<
    Pick<AgentsTable, "key" | "name" | "description" | "scope" | "team_id" | "owner_user_id">
  > & {
    updated_at: string;
  },
): Promise<void> {
  await db.updateTable("agents").set(changes).where("id", "=", agentId).execute();
}

/** Its shares go with it (ON DELETE CASCADE); agent-creation requests keep pointing at nothing. */
export async function deleteAgent(db: Executor, agentId: string): Promise<void> {
  await db.deleteFrom("agents").where("id", "=", agentId).execute();
}

export function listAgentShares(db: Executor, agentId: string) {
  return db
    .selectFrom("agent_shares as s")
    .innerJoin("teams as t", "t.id", "s.team_id")
    .select(["s.team_id", "t.name as team_name", "s.level", "s.created_at"])
    .where("s.agent_id", "=", agentId)
    .orderBy("t.name_key")
    .execute();
}

/** Replaces an agent's whole share set with `shares`. */
export async function replaceAgentShares(
  db: Executor,
  orgId: string,
  agentId: string,
  shares: readonly { teamId: string; level: ShareLevel }[],
  now: string,
): Promise<void> {
  await db.deleteFrom("agent_shares").where("agent_id", "=", agentId).execute();
  if (shares.length === 0) return;
  await db
    .insertInto("agent_shares")
    .values(
      shares.map((s) => ({
        agent_id: agentId,
        team_id: s.teamId,
        org_id: orgId,
        level: s.level,
        created_at: now,
      })),
    )
    .execute();
}

/** Whether there was a share to remove. */
export async function deleteAgentShare(db: Executor, agentId: string, teamId: string): Promise<boolean> {
  const result = await db
    .deleteFrom("agent_shares")
    .where("agent_id", "=", agentId)
    .where("team_id", "=", teamId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Every share of the org's agents, with agent keys and team names: the sharing document's input. */
export function listOrgAgentShares(db: Executor, orgId: string) {
  return db
    .selectFrom("agent_shares as s")
    .innerJoin("agents as a", "a.id", "s.agent_id")
    .innerJoin("teams as t", "t.id", "s.team_id")
    .select(["a.id as agent_id", "a.key as agent_key", "t.name as team_name", "s.level"])
    .where("s.org_id", "=", orgId)
    .orderBy("a.key")
    .orderBy("t.name_key")
    .execute();
}

/** The org's agent keys and ids, for resolving a sharing document. */
export function listAgentKeys(db: Executor, orgId: string) {
  return db.selectFrom("agents").select(["id", "key"]).where("org_id", "=", orgId).execute();
}
