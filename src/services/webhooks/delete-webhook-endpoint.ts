import { deleteWebhookEndpoint } from "../../db/queries/webhooks.js";
import { inTransaction } from "../../db/transaction.js";
import type { ServiceContext } from "../context.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { authorizeWebhooks, requireWebhookEndpoint, webhookEndpointView } from "./webhook-endpoint-view.js";

/** Deletes the endpoint and its delivery log; queued deliveries to it are dropped. */
export async function deleteWebhookEndpointOf(ctx: ServiceContext, input: { orgId: string; id: string }) {
  await authorizeWebhooks(ctx, input.orgId);
  await inTransaction(ctx.db, async (trx) => {
    const before = webhookEndpointView(await requireWebhookEndpoint(trx, input.orgId, input.id));
    await deleteWebhookEndpoint(trx, input.id);
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "webhook_endpoint.deleted",
      target: { type: "webhook_endpoint", id: input.id },
      before,
    });
  });
}
