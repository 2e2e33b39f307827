import { api } from "./client";

export type ScimToken = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  active: boolean;
};
export type CreatedScimToken = { token: ScimToken; secret: string; baseUrl: string };
export type ScimRequestLogItem = {
  id: string;
  at: string;
  method: string;
  path: string;
  status: number;
  scimType: string | null;
  detail: string | null;
  tokenPrefix: string | null;
  durationMs: number;
};

const base = (orgId: string) => `/api/v1/orgs/${encodeURIComponent(orgId)}/scim`;

export const listScimTokens = (orgId: string) =>
  api<{ baseUrl: string; tokens: ScimToken[] }>("GET", `${base(orgId)}/tokens`);
export const createScimToken = (orgId: string, name: string) =>
  api<CreatedScimToken>("POST", `${base(orgId)}/tokens`, { body: { name } });
export const rotateScimToken = (orgId: string, id: string, overlapMinutes: number) =>
  api<CreatedScimToken>("POST", `${base(orgId)}/tokens/${encodeURIComponent(id)}/rotate`, {
    body: { overlapMinutes },
  });
export const revokeScimToken = (orgId: string, id: string) =>
  api<{ ok: true }>("DELETE", `${base(orgId)}/tokens/${encodeURIComponent(id)}`);
export const listScimRequests = (orgId: string) =>
  api<{ items: ScimRequestLogItem[]; nextBefore: string | null }>("GET", `${base(orgId)}/requests?limit=50`);
