import { api } from "./client";

const enc = encodeURIComponent;
const org = (orgId: string) => `/api/v1/orgs/${enc(orgId)}`;

export type AuditEvent = {
  id: string;
  seq: number;
  action: string;
  source: string;
  actor: { userId: string | null; name: string | null; email: string | null; apiKeyId: string | null };
  target: { type: string; id: string };
  before: unknown;
  after: unknown;
  createdAt: string;
  hash: string;
};

/** What the audit trail is narrowed to; empty strings mean "any". `from`/`to` are ISO 8601 times. */
export type AuditFilter = {
  action: string;
  targetType: string;
  targetId: string;
  from: string;
  to: string;
};

export type AuditVerification = {
  ok: boolean;
  entries: number;
  problem: {
    seq: number;
    entryId: string | null;
    kind: "edited" | "removed" | "reordered" | "head_mismatch";
    message: string;
  } | null;
};

function filterParams(filter: AuditFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    const trimmed = value.trim();
    if (trimmed) params.set(key, trimmed);
  }
  return params;
}

export const listAuditEvents = (orgId: string, filter: AuditFilter, cursor: string | null) => {
  const params = filterParams(filter);
  params.set("limit", "50");
  if (cursor) params.set("cursor", cursor);
  return api<{ items: AuditEvent[]; nextCursor: string | null }>(
    "GET",
    `${org(orgId)}/audit-events?${params}`,
  );
};

/** A download link for every matching entry (the server streams it as an attachment). */
export function auditExportUrl(orgId: string, filter: AuditFilter, format: "csv" | "jsonl"): string {
  const params = filterParams(filter);
  params.set("format", format);
  return `${org(orgId)}/audit-events/export?${params}`;
}

export const verifyAuditChain = (orgId: string) =>
  api<AuditVerification>("GET", `${org(orgId)}/audit-events/verify`);

export type EmailTemplateKind = "invitation" | "reminder";
export type EmailTemplateFields = { subject: string; text: string; html: string };
export type EmailTemplate = EmailTemplateFields & {
  kind: EmailTemplateKind;
  isDefault: boolean;
  updatedAt: string | null;
  placeholders: string[];
};

export const getEmailSettings = (orgId: string) =>
  api<{ enabled: boolean; from: string | null }>("GET", `${org(orgId)}/email-settings`);
export const getEmailTemplate = (orgId: string, kind: EmailTemplateKind) =>
  api<EmailTemplate>("GET", `${org(orgId)}/email-templates/${enc(kind)}`);
export const saveEmailTemplate = (orgId: string, kind: EmailTemplateKind, body: EmailTemplateFields) =>
  api<EmailTemplate>("PUT", `${org(orgId)}/email-templates/${enc(kind)}`, { body });
export const resetEmailTemplate = (orgId: string, kind: EmailTemplateKind) =>
  api<EmailTemplate>("DELETE", `${org(orgId)}/email-templates/${enc(kind)}`);
export const previewEmailTemplate = (orgId: string, kind: EmailTemplateKind, body: EmailTemplateFields) =>
  api<EmailTemplateFields>("POST", `${org(orgId)}/email-templates/${enc(kind)}/preview`, { body });
