import type {
  AgentScope,
  KnowledgeBaseVisibility,
  ShareLevel,
  SpaceLevel,
  SpaceResourceType,
} from "../domain";
import { api } from "./client";
import type {
  Agent,
  AgentRequest,
  AgentShare,
  ContextFile,
  Integration,
  IntegrationShare,
  KnowledgeBase,
  Model,
  Page,
  SharingDocument,
  TeamSpace,
  TeamSpaceDetail,
} from "./types";

/** The governed resources' registries: agents, integrations, models, knowledge bases, context files, team spaces. */
const enc = encodeURIComponent;
const org = (orgId: string) => `/api/v1/orgs/${enc(orgId)}`;
const paged = (path: string, cursor: string | null) =>
  cursor ? `${path}?cursor=${enc(cursor)}&limit=100` : `${path}?limit=100`;

// Agents, their sharing, and agent-creation requests
export type AgentInput = {
  key: string;
  name: string;
  description: string | null;
  scope: AgentScope;
  teamId: string | null;
};
export const listAgents = (orgId: string, cursor: string | null) =>
  api<Page<Agent>>("GET", paged(`${org(orgId)}/agents`, cursor));
export const createAgent = (orgId: string, input: AgentInput) =>
  api<Agent>("POST", `${org(orgId)}/agents`, { body: input });
export const updateAgent = (orgId: string, id: string, input: Partial<AgentInput>) =>
  api<Agent>("PATCH", `${org(orgId)}/agents/${enc(id)}`, { body: input });
export const deleteAgent = (orgId: string, id: string) =>
  api<void>("DELETE", `${org(orgId)}/agents/${enc(id)}`);
export const listAgentShares = (orgId: string, id: string) =>
  api<Page<AgentShare>>("GET", `${org(orgId)}/agents/${enc(id)}/shares`);
export const setAgentShares = (orgId: string, id: string, shares: { teamId: string; level: ShareLevel }[]) =>
  api<Page<AgentShare>>("PUT", `${org(orgId)}/agents/${enc(id)}/shares`, { body: shares });

export const listAgentRequests = (orgId: string, cursor: string | null) =>
  api<Page<AgentRequest>>("GET", paged(`${org(orgId)}/agent-requests`, cursor));
export const createAgentRequest = (
  orgId: string,
  input: { agentKey: string; agentName: string; description: string | null },
) => api<AgentRequest>("POST", `${org(orgId)}/agent-requests`, { body: input });
export const approveAgentRequest = (
  orgId: string,
  id: string,
  input: { note: string | null; agentKey?: string },
) => api<AgentRequest>("POST", `${org(orgId)}/agent-requests/${enc(id)}/approve`, { body: input });
export const denyAgentRequest = (orgId: string, id: string, note: string | null) =>
  api<AgentRequest>("POST", `${org(orgId)}/agent-requests/${enc(id)}/deny`, { body: { note } });

// Integrations and their data-scope sharing
export type IntegrationInput = { key: string; name: string; dataScopes: string[]; enabled: boolean };
export const listIntegrations = (orgId: string, cursor: string | null) =>
  api<Page<Integration>>("GET", paged(`${org(orgId)}/integrations`, cursor));
export const createIntegration = (orgId: string, input: IntegrationInput) =>
  api<Integration>("POST", `${org(orgId)}/integrations`, { body: input });
export const updateIntegration = (
  orgId: string,
  id: string,
  input: Partial<IntegrationInput> & { audience?: Integration["audience"] },
) => api<Integration>("PATCH", `${org(orgId)}/integrations/${enc(id)}`, { body: input });
export const deleteIntegration = (orgId: string, id: string) =>
  api<void>("DELETE", `${org(orgId)}/integrations/${enc(id)}`);
export const listIntegrationShares = (orgId: string, id: string) =>
  api<Page<IntegrationShare>>("GET", `${org(orgId)}/integrations/${enc(id)}/shares`);
export const setIntegrationShares = (
  orgId: string,
  id: string,
  shares: { teamId: string; dataScope: string }[],
) => api<Page<IntegrationShare>>("PUT", `${org(orgId)}/integrations/${enc(id)}/shares`, { body: shares });

// Models
export type ModelInput = { key: string; name: string; provider: string | null; enabled?: boolean };
export const listModels = (orgId: string, cursor: string | null) =>
  api<Page<Model>>("GET", paged(`${org(orgId)}/models`, cursor));
export const createModel = (orgId: string, input: ModelInput) =>
  api<Model>("POST", `${org(orgId)}/models`, { body: input });
export const updateModel = (orgId: string, id: string, input: Partial<ModelInput>) =>
  api<Model>("PATCH", `${org(orgId)}/models/${enc(id)}`, { body: input });
export const deleteModel = (orgId: string, id: string) =>
  api<void>("DELETE", `${org(orgId)}/models/${enc(id)}`);

// Knowledge bases and context files
export type KnowledgeBaseInput = {
  key: string;
  name: string;
  visibility: KnowledgeBaseVisibility;
  department: string | null;
  teamId: string | null;
};
export const listKnowledgeBases = (orgId: string, cursor: string | null) =>
  api<Page<KnowledgeBase>>("GET", paged(`${org(orgId)}/knowledge-bases`, cursor));
export const createKnowledgeBase = (orgId: string, input: KnowledgeBaseInput) =>
  api<KnowledgeBase>("POST", `${org(orgId)}/knowledge-bases`, { body: input });
export const deleteKnowledgeBase = (orgId: string, id: string) =>
  api<void>("DELETE", `${org(orgId)}/knowledge-bases/${enc(id)}`);

export type ContextFileInput = {
  name: string;
  description: string | null;
  scope: AgentScope;
  teamId: string | null;
};
export const listContextFiles = (orgId: string, cursor: string | null) =>
  api<Page<ContextFile>>("GET", paged(`${org(orgId)}/context-files`, cursor));
export const createContextFile = (orgId: string, input: ContextFileInput) =>
  api<ContextFile>("POST", `${org(orgId)}/context-files`, { body: input });
export const deleteContextFile = (orgId: string, id: string) =>
  api<void>("DELETE", `${org(orgId)}/context-files/${enc(id)}`);

// Team spaces
export type TeamSpaceInput = { key: string; name: string; description: string | null };
export const listTeamSpaces = (orgId: string, cursor: string | null) =>
  api<Page<TeamSpace>>("GET", paged(`${org(orgId)}/team-spaces`, cursor));
export const getTeamSpace = (orgId: string, id: string) =>
  api<TeamSpaceDetail>("GET", `${org(orgId)}/team-spaces/${enc(id)}`);
export const createTeamSpace = (orgId: string, input: TeamSpaceInput) =>
  api<TeamSpaceDetail>("POST", `${org(orgId)}/team-spaces`, { body: input });
export const updateTeamSpace = (orgId: string, id: string, input: Partial<TeamSpaceInput>) =>
  api<TeamSpaceDetail>("PATCH", `${org(orgId)}/team-spaces/${enc(id)}`, { body: input });
export const deleteTeamSpace = (orgId: string, id: string) =>
  api<void>("DELETE", `${org(orgId)}/team-spaces/${enc(id)}`);
export const setTeamSpaceAccess = (
  orgId: string,
  id: string,
  access: {
    teamId: string;
    level: SpaceLevel;
    resources?: { resourceType: SpaceResourceType; resourceId: string }[] | null;
  }[],
) => api<TeamSpaceDetail>("PUT", `${org(orgId)}/team-spaces/${enc(id)}/access`, { body: access });
export const addTeamSpaceResource = (
  orgId: string,
  id: string,
  resource: { resourceType: SpaceResourceType; resourceId: string },
) => api<{ added: boolean }>("POST", `${org(orgId)}/team-spaces/${enc(id)}/resources`, { body: resource });
export const removeTeamSpaceResource = (
  orgId: string,
  id: string,
  resourceType: SpaceResourceType,
  resourceId: string,
) =>
  api<void>(
    "DELETE",
    `${org(orgId)}/team-spaces/${enc(id)}/resources/${enc(resourceType)}/${enc(resourceId)}`,
  );

// The seed's sharing document
export const getSharing = (orgId: string) => api<SharingDocument>("GET", `${org(orgId)}/sharing`);
export const putSharing = (orgId: string, document: unknown) =>
  api<SharingDocument>("PUT", `${org(orgId)}/sharing`, { body: document });
