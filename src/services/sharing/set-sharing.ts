import { listAgentKeys, listAgentShares, replaceAgentShares } from "../../db/queries/agents.js";
import {
  listAllIntegrations,
  listIntegrationShares,
  replaceIntegrationShares,
} from "../../db/queries/integrations.js";
import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { listTeamNames } from "../../db/queries/team-refs.js";
import { inTransaction } from "../../db/transaction.js";
import { resolveSharingDocument, type SharingDocument } from "../../domain/access/sharing.js";
import { nowIso, type ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { getSharing } from "./get-sharing.js";

/**
 * PUT /sharing: the seed's sharing document, as written. Every named agent's and integration's shares
 * become exactly what the document says, all in one transaction (or, on any problem, none of them).
 * Sharing an agent takes `agents:share` on it; sharing integrations is managing them (admins).
 */
export async function setSharing(
  ctx: ServiceContext,
  input: { orgId: string; document: unknown },
): Promise<SharingDocument> {
  const [agents, integrations, teams] = await Promise.all([
    listAgentKeys(ctx.db, input.orgId),
    listAllIntegrations(ctx.db, input.orgId),
    listTeamNames(ctx.db, input.orgId),
  ]);
  const resolved = resolveSharingDocument(input.document, {
    agents,
    integrations: integrations.map((i) => ({
      id: i.id,
      key: i.key,
      dataScopes: JSON.parse(i.data_scopes) as string[],
    })),
    teams,
  });
  for (const agent of resolved.agents) {
    await authorize(ctx, input.orgId, "agents:share", { type: "agent", id: agent.agentId });
  }
  if (resolved.integrations.length > 0) {
    await authorize(ctx, input.orgId, "integrations:manage", { type: "org" });
  }
  const now = nowIso(ctx);
  await inTransaction(ctx.db, async (trx) => {
    for (const agent of resolved.agents) {
      const before = await listAgentShares(trx, agent.agentId);
      await replaceAgentShares(trx, input.orgId, agent.agentId, agent.shares, now);
      await recordAuditEvent(trx, ctx, {
        orgId: input.orgId,
        action: "agent.shared",
        target: { type: "agent", id: agent.agentId },
        before: { key: agent.key, shares: before.map((s) => ({ teamId: s.team_id, level: s.level })) },
        after: { key: agent.key, shares: agent.shares, via: "sharing document" },
      });
    }
    for (const integration of resolved.integrations) {
      const before = await listIntegrationShares(trx, integration.integrationId);
      await replaceIntegrationShares(trx, input.orgId, integration.integrationId, integration.shares, now);
      await recordAuditEvent(trx, ctx, {
        orgId: input.orgId,
        action: "integration.shared",
        target: { type: "integration", id: integration.integrationId },
        before: {
          key: integration.key,
          shares: before.map((s) => ({ teamId: s.team_id, dataScope: s.data_scope })),
        },
        after: { key: integration.key, shares: integration.shares, via: "sharing document" },
      });
    }
    await bumpAccessVersion(trx, input.orgId);
  });
  return getSharing(ctx, { orgId: input.orgId });
}
