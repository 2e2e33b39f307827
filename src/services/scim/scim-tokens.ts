import {
  findScimToken,
  findScimTokenByHash,
  insertScimToken,
  listScimRequests,
  listScimTokens,
  updateScimToken,
} from "../../db/queries/scim.js";
import { inTransaction } from "../../db/transaction.js";
import { AppError } from "../../domain/errors.js";
import { newId } from "../../lib/ids.js";
import { hashToken, isWellFormedToken, newToken } from "../../security/tokens.js";
import { actorUserId, type Deps, nowIso, type ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireLockedOrg } from "../shared/require.js";

/** SCIM tokens: "scim_" + 256 random bits; only the SHA-256 is stored, the first 12 characters shown. */
export const SCIM_TOKEN_PREFIX = "scim_";
const VISIBLE = 12;

export function scimBaseUrl(deps: Pick<Deps, "config">): string {
  return new URL("/scim/v2", deps.config.publicUrl).toString();
}

export type ScimTokenView = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  active: boolean;
};

function view(row: Awaited<ReturnType<typeof findScimToken>> & object, now: string): ScimTokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    active: row.revoked_at === null && (row.expires_at === null || row.expires_at > now),
  };
}

export async function listScimTokensOf(ctx: ServiceContext, input: { orgId: string }) {
  await authorize(ctx, input.orgId, "sso:configure", { type: "org" });
  const now = nowIso(ctx);
  const rows = await listScimTokens(ctx.db, input.orgId);
  return { baseUrl: scimBaseUrl(ctx), tokens: rows.map((r) => view(r, now)) };
}

export async function createScimToken(
  ctx: ServiceContext,
  input: { orgId: string; name: string },
): Promise<{ token: ScimTokenView; secret: string; baseUrl: string }> {
  await authorize(ctx, input.orgId, "sso:configure", { type: "org" });
  return inTransaction(ctx.db, async (trx) => {
    await requireLockedOrg(trx, input.orgId);
    const now = nowIso(ctx);
    const secret = `${SCIM_TOKEN_PREFIX}${newToken()}`;
    const row = {
      id: newId(),
      org_id: input.orgId,
      name: input.name,
      prefix: secret.slice(0, VISIBLE),
      secret_hash: hashToken(secret),
      created_by: actorUserId(ctx),
      created_at: now,
      last_used_at: null,
      expires_at: null,
      revoked_at: null,
    };
    await insertScimToken(trx, row);
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "scim_token.created",
      target: { type: "scim_token", id: row.id },
      after: { name: row.name, prefix: row.prefix },
    });
    return { token: view(row, now), secret, baseUrl: scimBaseUrl(ctx) };
  });
}

/**
 * A new token replaces the old one; the old keeps working for `overlapMinutes` (0: revoked at once) so
 * the identity provider can be switched without a failed sync.
 */
export async function rotateScimToken(
  ctx: ServiceContext,
  input: { orgId: string; tokenId: string; overlapMinutes: number },
) {
  await authorize(ctx, input.orgId, "sso:configure", { type: "org" });
  const old = await findScimToken(ctx.db, input.orgId, input.tokenId);
  if (!old || old.revoked_at !== null) {
    throw new AppError("NOT_FOUND", { message: "That SCIM token does not exist or is already revoked." });
  }
  const created = await createScimToken(ctx, { orgId: input.orgId, name: old.name });
  await inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    const until = new Date(now.getTime() + input.overlapMinutes * 60_000).toISOString();
    await updateScimToken(
      trx,
      old.id,
      input.overlapMinutes === 0 ? { revoked_at: now.toISOString() } : { expires_at: until },
    );
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "scim_token.rotated",
      target: { type: "scim_token", id: old.id },
      after: { replacedBy: created.token.id, oldTokenWorksUntil: input.overlapMinutes === 0 ? null : until },
    });
  });
  return created;
}

export async function revokeScimToken(ctx: ServiceContext, input: { orgId: string; tokenId: string }) {
  await authorize(ctx, input.orgId, "sso:configure", { type: "org" });
  await inTransaction(ctx.db, async (trx) => {
    const row = await findScimToken(trx, input.orgId, input.tokenId);
    if (!row) throw new AppError("NOT_FOUND", { message: "That SCIM token does not exist." });
    if (row.revoked_at !== null) return;
    await updateScimToken(trx, row.id, { revoked_at: nowIso(ctx) });
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "scim_token.revoked",
      target: { type: "scim_token", id: row.id },
      before: { prefix: row.prefix },
    });
  });
}

/** The org and token behind a SCIM bearer token, or null when it is unknown, revoked or expired. */
export async function resolveScimToken(deps: Deps, secret: string) {
  if (!secret.startsWith(SCIM_TOKEN_PREFIX) || !isWellFormedToken(secret.slice(SCIM_TOKEN_PREFIX.length))) {
    return null;
  }
  const row = await findScimTokenByHash(deps.db, hashToken(secret));
  const now = deps.clock.now().toISOString();
  if (!row || row.revoked_at !== null || (row.expires_at !== null && row.expires_at <= now)) return null;
  // "Last used" to the minute: one write per token per minute at most.
  if (row.last_used_at === null || row.last_used_at.slice(0, 16) !== now.slice(0, 16)) {
    await updateScimToken(deps.db, row.id, { last_used_at: now });
  }
  return { orgId: row.org_id, tokenId: row.id, tokenPrefix: row.prefix };
}

export async function listScimRequestsOf(
  ctx: ServiceContext,
  input: { orgId: string; before: string | null; limit: number },
) {
  await authorize(ctx, input.orgId, "sso:configure", { type: "org" });
  const rows = await listScimRequests(ctx.db, input.orgId, { beforeId: input.before, limit: input.limit });
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: r.created_at,
      method: r.method,
      path: r.path,
      status: r.status,
      scimType: r.scim_type,
      detail: r.detail,
      tokenPrefix: r.token_prefix,
      durationMs: r.duration_ms,
    })),
    nextBefore: rows.length === input.limit ? (rows[rows.length - 1]?.id ?? null) : null,
  };
}
