import { api } from "./client";

export type OrgRoleName = "viewer" | "member" | "admin";
export type TeamRoleName = "member" | "admin" | "owner";
export type MappingRule = {
  group: string;
  role: OrgRoleName | null;
  teamId: string | null;
  teamRole: TeamRoleName | null;
  department: string | null;
};
export type MappingChange = {
  userId: string;
  name: string;
  email: string;
  groups: string[];
  role: { from: OrgRoleName; to: OrgRoleName } | null;
  department: { from: string | null; to: string } | null;
  teams: { teamId: string; teamName: string; from: TeamRoleName | null; to: TeamRoleName | null }[];
};

const base = (orgId: string) => `/api/v1/orgs/${encodeURIComponent(orgId)}/group-mapping`;

export const getGroupMapping = (orgId: string) => api<{ rules: MappingRule[] }>("GET", base(orgId));
export const previewGroupMapping = (orgId: string, rules: MappingRule[]) =>
  api<{ members: MappingChange[]; membersChecked: number }>("POST", `${base(orgId)}/preview`, {
    body: { rules },
  });
export const saveGroupMapping = (orgId: string, rules: MappingRule[]) =>
  api<{ rules: MappingRule[]; applied: MappingChange[]; heldBack: string[] }>("PUT", base(orgId), {
    body: { rules },
  });
