import { type Kysely, sql } from "kysely";
import { auditChainId, auditEntryHash, type ChainedFields, GENESIS_HASH } from "../../lib/audit-chain.js";
import type { Migration } from "./index.js";

type ExistingRow = Omit<ChainedFields, "chain_id" | "seq" | "actor_api_key_id">;

/**
 * Issue 4, audit trail: every audit event joins its org's hash chain (`chain_id`, `seq`, `prev_hash`,
 * `hash`; org-less events the global chain), `audit_chain_heads` holds each chain's last entry (the
 * row a writer locks), and triggers make `audit_events` append-only on both dialects. Events written
 * before this migration are chained here, oldest first.
 */
export const auditWebhooks: Migration = {
  async up(db: Kysely<unknown>, dialect) {
    await db.schema.alterTable("audit_events").addColumn("chain_id", "text").execute();
    await db.schema.alterTable("audit_events").addColumn("seq", "integer").execute();
    await db.schema.alterTable("audit_events").addColumn("prev_hash", "text").execute();
    await db.schema.alterTable("audit_events").addColumn("hash", "text").execute();
    await db.schema.alterTable("audit_events").addColumn("actor_api_key_id", "text").execute();
    await db.schema
      .createTable("audit_chain_heads")
      .addColumn("chain_id", "text", (c) => c.primaryKey())
      .addColumn("seq", "integer", (c) => c.notNull())
      .addColumn("hash", "text", (c) => c.notNull())
      .execute();

    const rows = (
      await sql<ExistingRow>`
      select id, org_id, actor_user_id, source, action, target_type, target_id, before, after, created_at
      from audit_events order by created_at, id
    `.execute(db)
    ).rows;
    const heads = new Map<string, { seq: number; hash: string }>();
    for (const row of rows) {
      const chainId = auditChainId(row.org_id);
      const head = heads.get(chainId) ?? { seq: 0, hash: GENESIS_HASH };
      const seq = head.seq + 1;
      const hash = auditEntryHash({ ...row, chain_id: chainId, seq, actor_api_key_id: null }, head.hash);
      await sql`
        update audit_events set chain_id = ${chainId}, seq = ${seq}, prev_hash = ${head.hash}, hash = ${hash}
        where id = ${row.id}
      `.execute(db);
      heads.set(chainId, { seq, hash });
    }
    for (const [chainId, head] of heads) {
      await sql`insert into audit_chain_heads (chain_id, seq, hash) values (${chainId}, ${head.seq}, ${head.hash})`.execute(
        db,
      );
    }

    await db.schema
      .createIndex("audit_events_chain_seq")
      .on("audit_events")
      .columns(["chain_id", "seq"])
      .unique()
      .execute();
    await db.schema
      .createIndex("audit_events_org_created_idx")
      .on("audit_events")
      .columns(["org_id", "created_at", "id"])
      .execute();

    if (dialect === "postgres") {
      await sql`
        create or replace function audit_events_append_only() returns trigger language plpgsql as $$
        begin
          raise exception 'audit_events is append-only: % refused', tg_op using errcode = 'P0001';
        end;
        $$
      `.execute(db);
      await sql`
        create trigger audit_events_no_update before update or delete on audit_events
        for each row execute function audit_events_append_only()
      `.execute(db);
      await sql`
        create trigger audit_events_no_truncate before truncate on audit_events
        for each statement execute function audit_events_append_only()
      `.execute(db);
    } else {
      await sql`
        create trigger audit_events_no_update before update on audit_events
        begin select raise(abort, 'audit_events is append-only: UPDATE refused'); end
      `.execute(db);
      await sql`
        create trigger audit_events_no_delete before delete on audit_events
        begin select raise(abort, 'audit_events is append-only: DELETE refused'); end
      `.execute(db);
    }
  },
};
