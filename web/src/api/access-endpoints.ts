import { api } from "./client";
import type {
  AccessReport,
  ApiKey,
  Capability,
  CheckRequest,
  CreatedApiKey,
  Decision,
  MassUpdateInput,
  MassUpdateResult,
  Page,
  PermissionSet,
  PermissionSetAssignments,
  PermissionSetImport,
  PermissionSetRules,
  Project,
} from "./types";

/** The access rules and the decision API: permission sets, projects, mass updates, checks, API keys. */
const enc = encodeURIComponent;
const org = (orgId: string) => `/api/v1/orgs/${enc(orgId)}`;
const paged = (path: string, cursor: string | null) =>
  cursor ? `${path}?cursor=${enc(cursor)}&limit=100` : `${path}?limit=100`;

// Decisions
export const getCapabilities = () => api<{ items: Capability[] }>("GET", "/api/v1/capabilities");
export const getMemberAccess = (orgId: string, userId: string) =>
  api<AccessReport>("GET", `${org(orgId)}/members/${enc(userId)}/access`);
export const checkAccess = (orgId: string, check: CheckRequest) =>
  api<Decision>("POST", `${org(orgId)}/check`, { body: check });

// Permission sets
export type PermissionSetInput = {
  key: string;
  name: string;
  description: string | null;
  rules: PermissionSetRules;
};
export const listPermissionSets = (orgId: string, cursor: string | null) =>
  api<Page<PermissionSet>>("GET", paged(`${org(orgId)}/permission-sets`, cursor));
export const createPermissionSet = (orgId: string, input: PermissionSetInput) =>
  api<PermissionSet>("POST", `${org(orgId)}/permission-sets`, { body: input });
export const updatePermissionSet = (orgId: string, id: string, input: PermissionSetInput) =>
  api<PermissionSet>("PATCH", `${org(orgId)}/permission-sets/${enc(id)}`, { body: input });
export const deletePermissionSet = (orgId: string, id: string) =>
  api<void>("DELETE", `${org(orgId)}/permission-sets/${enc(id)}`);
export const importPermissionSets = (orgId: string, document: unknown) =>
  api<PermissionSetImport>("PUT", `${org(orgId)}/permission-sets`, { body: document });
export const getAssignments = (orgId: string, id: string) =>
  api<PermissionSetAssignments>("GET", `${org(orgId)}/permission-sets/${enc(id)}/assignments`);
export const setAssignments = (
  orgId: string,
  id: string,
  input: { departments: string[]; teamIds: string[]; userIds: string[] },
) =>
  api<PermissionSetAssignments>("PUT", `${org(orgId)}/permission-sets/${enc(id)}/assignments`, {
    body: input,
  });

// Projects
export type ProjectMemberInput = { type: "user" | "team" | "department"; ref: string };
export type ProjectResourceInput = {
  type: "agent" | "integration" | "knowledge_base" | "file";
  id?: string;
  key?: string;
};
export type ProjectInput = {
  name: string;
  description: string | null;
  duration?: string;
  endsAt?: string;
  startsAt?: string;
  members: ProjectMemberInput[];
  resources: ProjectResourceInput[];
};
export const listProjects = (orgId: string, cursor: string | null) =>
  api<Page<Project>>("GET", paged(`${org(orgId)}/projects`, cursor));
export const createProject = (orgId: string, input: ProjectInput) =>
  api<Project>("POST", `${org(orgId)}/projects`, { body: input });
export const updateProject = (
  orgId: string,
  id: string,
  input: Pick<ProjectInput, "name" | "description" | "members" | "resources">,
) => api<Project>("PATCH", `${org(orgId)}/projects/${enc(id)}`, { body: input });
export const extendProject = (orgId: string, id: string, input: { duration?: string; endsAt?: string }) =>
  api<Project>("POST", `${org(orgId)}/projects/${enc(id)}/extend`, { body: input });
export const endProject = (orgId: string, id: string) =>
  api<Project>("POST", `${org(orgId)}/projects/${enc(id)}/end`);
export const deleteProject = (orgId: string, id: string) =>
  api<void>("DELETE", `${org(orgId)}/projects/${enc(id)}`);

// Mass permission updates
export const massUpdate = (orgId: string, input: MassUpdateInput) =>
  api<MassUpdateResult>("POST", `${org(orgId)}/permissions/mass-update`, { body: input });

// API keys
export type ApiKeyInput = {
  kind: "personal" | "team";
  name: string;
  teamId: string | null;
  scopes: string[] | null;
  expiresInDays: number | null;
};
export const listApiKeys = (orgId: string) => api<Page<ApiKey>>("GET", `${org(orgId)}/api-keys`);
export const createApiKey = (orgId: string, input: ApiKeyInput) =>
  api<CreatedApiKey>("POST", `${org(orgId)}/api-keys`, { body: input });
export const revokeApiKey = (orgId: string, id: string) =>
  api<{ apiKey: ApiKey }>("DELETE", `${org(orgId)}/api-keys/${enc(id)}`);
