import { type AuditEventFilter, listAuditEventsPage } from "../../db/queries/audit-events.js";

export type { AuditEventFilter };

import type { ServiceContext } from "../context.js";
import type { Page } from "../shared/visible-page.js";

export type AuditEventView = {
  id: string;
  seq: number;
  action: string;
  source: string;
  actor: { userId: string | null; name: string | null; email: string | null; apiKeyId: string | null };
  target: { type: string; id: string };
  before: unknown;
  after: unknown;
  createdAt: string;
  hash: string;
};

/** An org's audit trail, newest first, filtered (the route has checked `audit:read`). */
export async function listAuditEvents(
  ctx: ServiceContext,
  input: { orgId: string; filter: AuditEventFilter; before: string | null; limit: number },
): Promise<Page<AuditEventView>> {
  const rows = await listAuditEventsPage(ctx.db, input.orgId, input.filter, {
    beforeId: input.before,
    limit: input.limit + 1,
  });
  const items = rows.slice(0, input.limit).map(toAuditEventView);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > input.limit && last ? last.id : null };
}

export function toAuditEventView(
  row: Awaited<ReturnType<typeof listAuditEventsPage>>[number],
): AuditEventView {
  return {
    id: row.id,
    seq: Number(row.seq),
    action: row.action,
    source: row.source,
    actor: {
      userId: row.actor_user_id,
      name: row.actor_name,
      email: row.actor_email,
      apiKeyId: row.actor_api_key_id,
    },
    target: { type: row.target_type, id: row.target_id },
    before: row.before === null ? null : JSON.parse(row.before),
    after: row.after === null ? null : JSON.parse(row.after),
    createdAt: row.created_at,
    hash: row.hash,
  };
}
