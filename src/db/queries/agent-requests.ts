import type { Executor } from "../client.js";
import type { AgentCreationRequestsTable } from "../schema.js";

export type AgentRequestStatus = AgentCreationRequestsTable["status"];

/** Requests with the names of the requester and of the admin who decided. */
function selectRequests(db: Executor, orgId: string) {
  return db
    .selectFrom("agent_creation_requests as r")
    .innerJoin("users as requester", "requester.id", "r.requester_user_id")
    .leftJoin("users as decider", "decider.id", "r.decided_by")
    .selectAll("r")
    .select(["requester.name as requester_name", "decider.name as decider_name"])
    .where("r.org_id", "=", orgId);
}

export function findAgentRequest(db: Executor, orgId: string, requestId: string) {
  return selectRequests(db, orgId).where("r.id", "=", requestId).executeTakeFirst();
}

export type AgentRequestRow = NonNullable<Awaited<ReturnType<typeof findAgentRequest>>>;

/** Oldest first; only `requesterId`'s when given. */
export function listAgentRequestsPage(
  db: Executor,
  orgId: string,
  filter: { requesterId: string | null; statuses: readonly AgentRequestStatus[] | null },
  page: { afterId: string | null; limit: number },
) {
  return selectRequests(db, orgId)
    .$if(filter.requesterId !== null, (q) =>
      q.where("r.requester_user_id", "=", filter.requesterId as string),
    )
    .$if(filter.statuses !== null, (q) =>
      q.where("r.status", "in", filter.statuses as readonly AgentRequestStatus[]),
    )
    .$if(page.afterId !== null, (q) => q.where("r.id", ">", page.afterId as string))
    .orderBy("r.id")
    .limit(page.limit)
    .execute();
}

export async function insertAgentRequest(db: Executor, row: AgentCreationRequestsTable): Promise<void> {
  await db.insertInto("agent_creation_requests").values(row).execute();
}

/**
 * Decides a pending request. Conditional on it still being pending, so of two admins deciding at once
 * only one wins; returns whether this call did.
 */
export async function decideAgentRequest(
  db: Executor,
  requestId: string,
  decision: Pick<
    AgentCreationRequestsTable,
    "status" | "decided_by" | "decided_at" | "decision_note" | "agent_id" | "updated_at"
  >,
): Promise<boolean> {
  const result = await db
    .updateTable("agent_creation_requests")
    .set(decision)
    .where("id", "=", requestId)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
