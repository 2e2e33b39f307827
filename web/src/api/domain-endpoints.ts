import { api } from "./client";

const enc = encodeURIComponent;
const org = (orgId: string) => `/api/v1/orgs/${enc(orgId)}`;

export type OrgRoleName = "viewer" | "member" | "admin";
export type DomainMode = "off" | "auto" | "approval";

export type OrgDomain = {
  id: string;
  domain: string;
  verified: boolean;
  verifiedAt: string | null;
  mode: DomainMode;
  defaultRole: OrgRoleName;
  departments: Record<string, OrgRoleName>;
  includeSubdomains: boolean;
  requireSso: boolean;
  verificationRecord: { type: "TXT"; name: string; value: string };
};

export type JoinRequest = {
  id: string;
  userId: string;
  name: string | null;
  email: string;
  domain: string | null;
  department: string | null;
  role: OrgRoleName;
  status: "pending" | "approved" | "declined";
  createdAt: string;
};

export type DomainChanges = Partial<
  Pick<OrgDomain, "mode" | "defaultRole" | "includeSubdomains" | "requireSso" | "departments">
>;

export const listDomains = (orgId: string) =>
  api<{ domains: OrgDomain[]; ssoConfigured: boolean }>("GET", `${org(orgId)}/domains`);
export const claimDomain = (orgId: string, body: { domain: string } & DomainChanges) =>
  api<{ domain: OrgDomain }>("POST", `${org(orgId)}/domains`, { body });
export const verifyDomain = (orgId: string, id: string) =>
  api<{ domain: OrgDomain }>("POST", `${org(orgId)}/domains/${enc(id)}/verify`, { body: {} });
export const updateDomain = (orgId: string, id: string, body: DomainChanges) =>
  api<{ domain: OrgDomain }>("PATCH", `${org(orgId)}/domains/${enc(id)}`, { body });
export const removeDomain = (orgId: string, id: string) =>
  api<{ ok: true }>("DELETE", `${org(orgId)}/domains/${enc(id)}`);
export const listJoinRequests = (orgId: string) =>
  api<{ joinRequests: JoinRequest[] }>("GET", `${org(orgId)}/join-requests`);
export const approveJoinRequest = (orgId: string, id: string, role: OrgRoleName) =>
  api<{ joinRequest: JoinRequest }>("POST", `${org(orgId)}/join-requests/${enc(id)}/approve`, {
    body: { role },
  });
export const declineJoinRequest = (orgId: string, id: string) =>
  api<{ joinRequest: JoinRequest }>("POST", `${org(orgId)}/join-requests/${enc(id)}/decline`, { body: {} });
