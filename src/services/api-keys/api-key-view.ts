import type { ApiKeysTable } from "../../db/schema.js";

export type ApiKeyView = {
  id: string;
  kind: "personal" | "team";
  name: string;
  /** The first characters of the key, to tell keys apart; the rest is never shown again. */
  prefix: string;
  userId: string | null;
  userName: string | null;
  teamId: string | null;
  teamName: string | null;
  scopes: string[] | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
  createdAt: string;
  revokedAt: string | null;
  revokedReason: string | null;
  status: "active" | "expired" | "revoked";
};

export function toApiKeyView(
  row: ApiKeysTable & { team_name?: string | null; user_name?: string | null },
  now: Date,
): ApiKeyView {
  const status = row.revoked_at
    ? "revoked"
    : row.expires_at && Date.parse(row.expires_at) <= now.getTime()
      ? "expired"
      : "active";
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    prefix: row.prefix,
    userId: row.user_id,
    userName: row.user_name ?? null,
    teamId: row.team_id,
    teamName: row.team_name ?? null,
    scopes: row.scopes === null ? null : (JSON.parse(row.scopes) as string[]),
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    revokedReason: row.revoked_reason,
    status,
  };
}
