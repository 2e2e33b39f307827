import { auditChainId, auditEntryHash, type ChainHead, GENESIS_HASH } from "../../lib/audit-chain.js";
import { type Executor, isPostgres } from "../client.js";
import { columnsOf, insertRows } from "../insert-rows.js";
import type { AuditEventRow } from "../schema.js";

/** An audit event before it joins its chain (the chain fields are assigned at append time). */
export type UnchainedAuditEvent = Omit<AuditEventRow, "chain_id" | "seq" | "prev_hash" | "hash">;

const AUDIT_COLUMNS = columnsOf<AuditEventRow>()([
  "id",
  "org_id",
  "actor_user_id",
  "actor_api_key_id",
  "source",
  "action",
  "target_type",
  "target_id",
  "before",
  "after",
  "created_at",
  "chain_id",
  "seq",
  "prev_hash",
  "hash",
]);

/**
 * Appends events to their hash chains, in order, inside `trx` (which must be a transaction). Each
 * chain's head row is locked (`FOR UPDATE` on PostgreSQL; SQLite's `BEGIN IMMEDIATE` already makes
 * writers serial) until the transaction ends, so concurrent transactions on any number of instances
 * append one after another and never fork a chain. Chains are locked in id order: no deadlocks.
 */
export async function appendAuditEvents(
  trx: Executor,
  events: readonly UnchainedAuditEvent[],
): Promise<void> {
  if (events.length === 0) return;
  const byChain = new Map<string, UnchainedAuditEvent[]>();
  for (const event of events) {
    const chainId = auditChainId(event.org_id);
    const list = byChain.get(chainId) ?? [];
    list.push(event);
    byChain.set(chainId, list);
  }
  for (const chainId of [...byChain.keys()].sort()) {
    const list = byChain.get(chainId) ?? [];
    const head = await lockChainHead(trx, chainId);
    let seq = head.seq;
    let prevHash = head.hash;
    const rows: AuditEventRow[] = list.map((event) => {
      seq += 1;
      const row: AuditEventRow = {
        id: event.id,
        org_id: event.org_id,
        actor_user_id: event.actor_user_id,
        actor_api_key_id: event.actor_api_key_id,
        source: event.source,
        action: event.action,
        target_type: event.target_type,
        target_id: event.target_id,
        before: event.before,
        after: event.after,
        created_at: event.created_at,
        chain_id: chainId,
        seq,
        prev_hash: prevHash,
        hash: "",
      };
      row.hash = auditEntryHash(row, prevHash);
      prevHash = row.hash;
      return row;
    });
    await insertRows(trx, "audit_events", AUDIT_COLUMNS, rows);
    await trx
      .updateTable("audit_chain_heads")
      .set({ seq, hash: prevHash })
      .where("chain_id", "=", chainId)
      .execute();
  }
}

async function lockChainHead(trx: Executor, chainId: string): Promise<{ seq: number; hash: string }> {
  await trx
    .insertInto("audit_chain_heads")
    .values({ chain_id: chainId, seq: 0, hash: GENESIS_HASH })
    .onConflict((oc) => oc.column("chain_id").doNothing())
    .execute();
  let query = trx.selectFrom("audit_chain_heads").select(["seq", "hash"]).where("chain_id", "=", chainId);
  if (isPostgres(trx)) query = query.forUpdate();
  const head = await query.executeTakeFirstOrThrow();
  return { seq: Number(head.seq), hash: head.hash };
}

export async function getAuditChainHead(db: Executor, chainId: string): Promise<ChainHead> {
  const head = await db
    .selectFrom("audit_chain_heads")
    .select(["seq", "hash"])
    .where("chain_id", "=", chainId)
    .executeTakeFirst();
  return head ? { seq: Number(head.seq), hash: head.hash } : null;
}

/** Every chain id: the heads, plus chains whose head row was removed. */
export async function listAuditChainIds(db: Executor): Promise<string[]> {
  const heads = await db.selectFrom("audit_chain_heads").select("chain_id").execute();
  const events = await db.selectFrom("audit_events").select("chain_id").distinct().execute();
  return [...new Set([...heads, ...events].map((r) => r.chain_id))].sort();
}

/** One chain in `seq` order, a page at a time (`afterSeq` exclusive). */
export function listAuditChainPage(db: Executor, chainId: string, afterSeq: number, limit: number) {
  return db
    .selectFrom("audit_events")
    .selectAll()
    .where("chain_id", "=", chainId)
    .where("seq", ">", afterSeq)
    .orderBy("seq")
    .limit(limit)
    .execute();
}

/** The history of one target (an invitation, a member), oldest first. */
export function listAuditEventsForTarget(db: Executor, orgId: string, targetType: string, targetId: string) {
  return db
    .selectFrom("audit_events as a")
    .leftJoin("users as u", "u.id", "a.actor_user_id")
    .selectAll("a")
    .select(["u.name as actor_name", "u.email as actor_email"])
    .where("a.org_id", "=", orgId)
    .where("a.target_type", "=", targetType)
    .where("a.target_id", "=", targetId)
    .orderBy("a.id")
    .execute();
}

export type AuditEventFilter = {
  actorUserId?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  actions?: readonly string[] | undefined;
  /** Inclusive lower and exclusive upper bound on created_at (ISO 8601). */
  from?: string | undefined;
  to?: string | undefined;
};

/** One org's events matching `filter`, newest first, keyset-paginated by id (UUIDv7: time order). */
export function listAuditEventsPage(
  db: Executor,
  orgId: string,
  filter: AuditEventFilter,
  page: { beforeId: string | null; limit: number },
) {
  let query = db
    .selectFrom("audit_events as a")
    .leftJoin("users as u", "u.id", "a.actor_user_id")
    .selectAll("a")
    .select(["u.name as actor_name", "u.email as actor_email"])
    .where("a.org_id", "=", orgId);
  if (filter.actorUserId) query = query.where("a.actor_user_id", "=", filter.actorUserId);
  if (filter.targetType) query = query.where("a.target_type", "=", filter.targetType);
  if (filter.targetId) query = query.where("a.target_id", "=", filter.targetId);
  if (filter.actions && filter.actions.length > 0) query = query.where("a.action", "in", [...filter.actions]);
  if (filter.from) query = query.where("a.created_at", ">=", filter.from);
  if (filter.to) query = query.where("a.created_at", "<", filter.to);
  if (page.beforeId) query = query.where("a.id", "<", page.beforeId);
  return query.orderBy("a.id", "desc").limit(page.limit).execute();
}
