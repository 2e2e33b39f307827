import { deleteAgent as deleteAgentRow } from "../../db/queries/agents.js";
import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { deleteResourceLinks } from "../../db/queries/resource-links.js";
import { inTransaction } from "../../db/transaction.js";
import type { ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { agentSnapshot, requireAgent, toAgentView } from "./agent-view.js";

/** With its shares and its places in team spaces and projects; creation requests keep their history. */
export async function deleteAgent(
  ctx: ServiceContext,
  input: { orgId: string; agentId: string },
): Promise<void> {
  const row = await requireAgent(ctx.db, input.orgId, input.agentId);
  await authorize(ctx, input.orgId, "agents:delete", { type: "agent", id: row.id });
  await inTransaction(ctx.db, async (trx) => {
    const before = toAgentView(await requireAgent(trx, input.orgId, row.id));
    await deleteResourceLinks(trx, input.orgId, "agent", row.id);
    await deleteAgentRow(trx, row.id);
    await bumpAccessVersion(trx, input.orgId);
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "agent.deleted",
      target: { type: "agent", id: row.id },
      before: agentSnapshot(before),
    });
  });
}
