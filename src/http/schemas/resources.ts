import { z } from "zod";
import {
  AGENT_SCOPES,
  KB_VISIBILITIES,
  SHARE_LEVELS,
  SPACE_LEVELS,
  SPACE_RESOURCE_TYPES,
} from "../../domain/access/policy-data.js";
import { id, timestamp } from "./common.js";

/** Fields of the governed-resource registries: agents, context files, knowledge bases, integrations, models, team spaces. */

export const resourceKey = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(64)
  .describe(
    "Names it in checks and in the seed's JSON documents: 1–64 lower-case letters, digits, _ - or . (e.g. customer_support_bot). Unique in the organization.",
  );
export const resourceName = z.string().trim().min(1, "must not be empty").max(100);
export const resourceDescription = z.string().trim().max(2000);
export const agentScope = z
  .enum(AGENT_SCOPES)
  .describe("personal: its owner's; team: a team's (needs teamId); org: everyone's");
export const shareLevel = z
  .enum(SHARE_LEVELS)
  .describe("full: use, change and share it; run_only: use it; view_only: see it");
export const spaceLevel = z
  .enum(SPACE_LEVELS)
  .describe("full: work in the space; view: see it; none: no access");
export const kbVisibility = z
  .enum(KB_VISIBILITIES)
  .describe("public: everyone; department: one department; team: one team; personal: its owner");
export const spaceResourceType = z.enum(SPACE_RESOURCE_TYPES);
export const dataScopeName = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .describe("A data scope of the integration (e.g. read_leads), or full_access");
export const requestStatus = z.enum(["pending", "approved", "denied"]);

/**
 * A replace-the-whole-set body: the list itself, or `{ "items": [...] }` as GET returns it, so a client
 * can read the set, change it and send it back.
 */
export function setBody<T extends z.ZodType>(item: T) {
  const list = z.array(item).max(500);
  return z
    .union([list, z.strictObject({ items: list })])
    .transform((value) => (Array.isArray(value) ? value : value.items));
}

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.null() });
}

export const agentParams = z.strictObject({ orgId: id, agentId: id });
export const agentShareParams = z.strictObject({ orgId: id, agentId: id, teamId: id });
export const agentRequestParams = z.strictObject({ orgId: id, requestId: id });
export const contextFileParams = z.strictObject({ orgId: id, fileId: id });
export const knowledgeBaseParams = z.strictObject({ orgId: id, knowledgeBaseId: id });
export const integrationParams = z.strictObject({ orgId: id, integrationId: id });
export const integrationShareParams = z.strictObject({ orgId: id, integrationId: id, teamId: id });
export const modelParams = z.strictObject({ orgId: id, modelId: id });
export const teamSpaceParams = z.strictObject({ orgId: id, teamSpaceId: id });
export const teamSpaceResourceParams = z.strictObject({
  orgId: id,
  teamSpaceId: id,
  resourceType: spaceResourceType,
  resourceId: z.string().min(1).max(200),
});

export const agentView = z
  .object({
    id,
    key: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    scope: agentScope,
    teamId: id.nullable(),
    teamName: z.string().nullable(),
    ownerUserId: id.nullable().describe("The creator"),
    ownerName: z.string().nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: "Agent" });

export const agentShareView = z
  .object({ teamId: id, teamName: z.string(), level: shareLevel, createdAt: timestamp })
  .meta({ id: "AgentShare" });

export const agentRequestView = z
  .object({
    id,
    requesterUserId: id,
    requesterName: z.string(),
    agentKey: z.string(),
    agentName: z.string(),
    description: z.string().nullable(),
    status: requestStatus,
    decidedBy: id.nullable(),
    deciderName: z.string().nullable(),
    decidedAt: timestamp.nullable(),
    decisionNote: z.string().nullable(),
    agentId: id.nullable().describe("The agent approval created"),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: "AgentCreationRequest" });

export const contextFileView = z
  .object({
    id,
    name: z.string(),
    description: z.string().nullable(),
    scope: agentScope,
    teamId: id.nullable(),
    teamName: z.string().nullable(),
    ownerUserId: id.nullable(),
    ownerName: z.string().nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: "ContextFile" });

export const knowledgeBaseView = z
  .object({
    id,
    key: z.string(),
    name: z.string(),
    visibility: kbVisibility,
    department: z.string().nullable(),
    teamId: id.nullable(),
    teamName: z.string().nullable(),
    ownerUserId: id.nullable(),
    ownerName: z.string().nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: "KnowledgeBase" });

export const integrationView = z
  .object({
    id,
    key: z.string(),
    name: z.string(),
    dataScopes: z.array(z.string()).describe("Named data scopes; full_access is always there besides them"),
    enabled: z.boolean(),
    audience: z
      .enum(["org", "teams"])
      .describe('"org": every member (unless shared); "teams": only the teams it is shared with'),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: "Integration" });

export const integrationShareView = z
  .object({ teamId: id, teamName: z.string(), dataScope: z.string(), createdAt: timestamp })
  .meta({ id: "IntegrationShare" });

export const modelView = z
  .object({
    id,
    key: z.string(),
    name: z.string(),
    provider: z.string().nullable(),
    enabled: z.boolean(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: "Model" });

const teamSpaceResourceView = z.object({ resourceType: spaceResourceType, resourceId: z.string() });
const listedResources = <T extends z.ZodType>(resource: T) =>
  z
    .array(resource)
    .max(500)
    .nullable()
    .describe(
      "null: the whole space. A list: only these of the space's resources (mixus \"Related teams: Specific resource access\"), at the team's level; not the space itself, its other chats and files",
    );
const teamSpaceAccessView = z.object({
  teamId: id,
  teamName: z.string(),
  level: spaceLevel,
  resources: listedResources(teamSpaceResourceView),
});
/** One team's access, as PUT …/access takes it: what GET returns, team names left out. */
export const teamSpaceAccessItem = z.strictObject({
  teamId: id,
  level: spaceLevel,
  resources: listedResources(
    z.strictObject({ resourceType: spaceResourceType, resourceId: z.string().trim().min(1).max(200) }),
  ).optional(),
});

export const teamSpaceView = z
  .object({
    id,
    key: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    access: z.array(teamSpaceAccessView),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: "TeamSpace" });

export const teamSpaceDetailView = teamSpaceView
  .extend({ resources: z.array(teamSpaceResourceView) })
  .meta({ id: "TeamSpaceDetail" });

export const teamSpaceResourceResult = teamSpaceResourceView.extend({
  added: z.boolean().describe("false when it was already in the space"),
});

/** The mixus seed's "Resource Sharing Configuration" document. */
export const sharingDocument = z
  .object({
    shared_agents: z.record(
      z.string(),
      z.object({ access: z.array(z.string()), permissions: z.record(z.string(), shareLevel) }),
    ),
    shared_integrations: z.record(
      z.string(),
      z.object({ access: z.array(z.string()), data_scope: z.record(z.string(), z.string()) }),
    ),
  })
  .meta({ id: "SharingDocument" });

/**
 * What PUT /sharing takes: the two sections, each optional; what is inside them is checked by
 * `resolveSharingDocument`, which reports every problem at once.
 */
export const sharingDocumentInput = z.strictObject({
  shared_agents: z.record(z.string(), z.unknown()).optional(),
  shared_integrations: z.record(z.string(), z.unknown()).optional(),
});
