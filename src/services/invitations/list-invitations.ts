import { listInvitationsPage } from "../../db/queries/invitations.js";
import type { InvitationStatus } from "../../domain/invitation.js";
import type { ServiceContext } from "../context.js";
import type { Page } from "../members/list-members.js";
import { type InvitationView, toInvitationView } from "../shared/views.js";

export async function listInvitations(
  ctx: ServiceContext,
  input: {
    orgId: string;
    statuses: readonly InvitationStatus[] | null;
    before: string | null;
    limit: number;
  },
): Promise<Page<InvitationView>> {
  const now = ctx.clock.now();
  const rows = await listInvitationsPage(
    ctx.db,
    input.orgId,
    { statuses: input.statuses, now: now.toISOString() },
    { beforeId: input.before, limit: input.limit + 1 },
  );
  const items = rows.slice(0, input.limit).map((row) => toInvitationView(row, now));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > input.limit && last ? last.id : null };
}
