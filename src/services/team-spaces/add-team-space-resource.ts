import { findAgent } from "../../db/queries/agents.js";
import { findIntegration } from "../../db/queries/integrations.js";
import { findKnowledgeBase } from "../../db/queries/knowledge-bases.js";
import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { insertTeamSpaceResource } from "../../db/queries/team-spaces.js";
import { inTransaction } from "../../db/transaction.js";
import type { SpaceResourceType } from "../../domain/access/policy-data.js";
import { AppError } from "../../domain/errors.js";
import { UUID_PATTERN } from "../../lib/ids.js";
import type { ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireTeamSpace, type TeamSpaceResourceView } from "./team-space-view.js";

export type AddTeamSpaceResourceInput = {
  orgId: string;
  teamSpaceId: string;
  resourceType: SpaceResourceType;
  resourceId: string;
};

const GATEHOUSE_TYPES = {
  agent: { find: findAgent, noun: "agent" },
  integration: { find: findIntegration, noun: "integration" },
  knowledge_base: { find: findKnowledgeBase, noun: "knowledge base" },
} as const;

/**
 * Puts a resource in a team space: the teams with access reach it through the space (full access runs
 * agents and uses integrations, view access sees them). Agents, integrations and knowledge bases must
 * exist in the org; files and conversations are the AI product's own ids, taken as given.
 * Adding what is already there changes nothing (`added: false`).
 */
export async function addTeamSpaceResource(
  ctx: ServiceContext,
  input: AddTeamSpaceResourceInput,
): Promise<TeamSpaceResourceView & { added: boolean }> {
  await authorize(ctx, input.orgId, "policies:configure", { type: "org" });
  const space = await requireTeamSpace(ctx.db, input.orgId, input.teamSpaceId);
  const resourceId = input.resourceId.trim();
  if (input.resourceType in GATEHOUSE_TYPES) {
    const { find, noun } = GATEHOUSE_TYPES[input.resourceType as keyof typeof GATEHOUSE_TYPES];
    if (!UUID_PATTERN.test(resourceId) || !(await find(ctx.db, input.orgId, resourceId))) {
      throw new AppError("NOT_FOUND", {
        message: `No ${noun} with id ${resourceId} in this organization. Check its id.`,
        details: { resourceType: input.resourceType, resourceId },
      });
    }
  }
  return inTransaction(ctx.db, async (trx) => {
    const added = await insertTeamSpaceResource(trx, input.orgId, space.id, input.resourceType, resourceId);
    if (added) {
      await bumpAccessVersion(trx, input.orgId);
      await recordAuditEvent(trx, ctx, {
        orgId: input.orgId,
        action: "team_space.resource_added",
        target: { type: "team_space", id: space.id },
        after: { key: space.key, resourceType: input.resourceType, resourceId },
      });
    }
    return { resourceType: input.resourceType, resourceId, added };
  });
}
