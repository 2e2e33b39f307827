import { DEFAULT_MESSAGES } from "../domain";
import { ApiError, api } from "./client";
import type { ErrorBody } from "./types";

export type ImportOutcome =
  | "invited"
  | "already_member"
  | "already_invited"
  | "duplicate_in_file"
  | "invalid";
export const IMPORT_OUTCOMES: ImportOutcome[] = [
  "invited",
  "already_member",
  "already_invited",
  "duplicate_in_file",
  "invalid",
];
export type ImportRun = {
  id: string;
  format: "bulk" | "team";
  dryRun: boolean;
  status: "running" | "completed";
  totalRows: number;
  counts: Record<ImportOutcome, number>;
};
export type ImportRowItem = {
  line: number;
  email: string;
  outcome: ImportOutcome;
  reason: string | null;
  invitationId: string | null;
};

const base = (orgId: string) => `/api/v1/orgs/${encodeURIComponent(orgId)}/imports`;

/** The CSV goes up as is (text/csv), not as JSON; the key makes a retried upload safe. */
export async function uploadImport(
  orgId: string,
  file: File,
  dryRun: boolean,
  key: string,
): Promise<ImportRun> {
  let response: Response;
  try {
    response = await fetch(`${base(orgId)}${dryRun ? "?dryRun=true" : ""}`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "text/csv", accept: "application/json", "idempotency-key": key },
      body: file,
    });
  } catch {
    throw new ApiError("NETWORK", "Gatehouse cannot be reached. Check your connection and try again.", 0);
  }
  const payload: unknown = await response.json().catch(() => null);
  if (response.ok) return payload as ImportRun;
  const body = payload as Partial<ErrorBody> | null;
  throw new ApiError(
    body?.error?.code ?? "INTERNAL",
    body?.error?.message ?? DEFAULT_MESSAGES.INTERNAL,
    response.status,
    body?.error?.details,
  );
}

export const listImportRows = (orgId: string, importId: string, outcome: ImportOutcome | null) =>
  api<{ items: ImportRowItem[]; nextCursor: number | null }>(
    "GET",
    `${base(orgId)}/${encodeURIComponent(importId)}/rows?limit=500${outcome ? `&outcome=${outcome}` : ""}`,
  );

export const importRowsCsvUrl = (orgId: string, importId: string) =>
  `${base(orgId)}/${encodeURIComponent(importId)}/rows.csv`;
