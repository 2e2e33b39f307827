import { insertApiKey } from "../../db/queries/api-keys.js";
import { findMembership } from "../../db/queries/memberships.js";
import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { findTeamMembership } from "../../db/queries/teams.js";
import { findUserById } from "../../db/queries/users.js";
import { inTransaction } from "../../db/transaction.js";
import { validateKeyScopes } from "../../domain/access/api-key-scopes.js";
import { AppError } from "../../domain/errors.js";
import { expiryFrom } from "../../domain/invitation.js";
import { newId } from "../../lib/ids.js";
import { newApiKey } from "../../security/tokens.js";
import type { ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireTeam } from "../shared/require.js";
import { type ApiKeyView, toApiKeyView } from "./api-key-view.js";

export type CreateApiKeyInput = {
  orgId: string;
  kind: "personal" | "team";
  name: string;
  teamId?: string | null;
  scopes?: string[] | null;
  expiresInDays?: number | null;
};

/**
 * A personal key (acts as its creator, never wider; dies when they leave or are demoted) or a team
 * key (acts as the team, survives people leaving; made by the team's admins and owners). The secret is
 * returned once; only its hash is kept.
 */
export async function createApiKey(
  ctx: ServiceContext,
  input: CreateApiKeyInput,
): Promise<{ apiKey: ApiKeyView; secret: string }> {
  if (ctx.actor.kind !== "user")
    throw new AppError("FORBIDDEN", {
      message: "API keys belong to a person or a team; sign in to create one.",
    });
  const userId = ctx.actor.userId;
  const teamId = input.kind === "team" ? input.teamId : null;
  if (input.kind === "team" && !teamId) {
    throw new AppError("VALIDATION_FAILED", {
      message: "A team key needs teamId.",
      details: { field: "teamId" },
    });
  }
  if (input.kind === "personal" && input.teamId) {
    throw new AppError("VALIDATION_FAILED", {
      message: "A personal key has no team; leave teamId out.",
      details: { field: "teamId" },
    });
  }
  if (input.kind === "personal") await authorize(ctx, input.orgId, "api-keys:manage-own", { type: "org" });
  else await authorize(ctx, input.orgId, "team-api-keys:manage", { type: "team", id: teamId as string });

  const now = ctx.clock.now();
  const key = newApiKey();
  return inTransaction(ctx.db, async (trx) => {
    const membership = await findMembership(trx, input.orgId, userId);
    if (!membership) throw new AppError("NOT_FOUND");
    let scopes: string[] | null;
    if (input.kind === "personal") {
      scopes = validateKeyScopes(input.scopes ?? null, { kind: "personal", role: membership.role });
    } else {
      await requireTeam(trx, input.orgId, teamId as string);
      const teamRole = (await findTeamMembership(trx, teamId as string, userId))?.role ?? null;
      scopes = validateKeyScopes(input.scopes ?? null, {
        kind: "team",
        creatorRole: membership.role,
        creatorTeamRole: teamRole,
      });
    }
    const row = {
      id: newId(),
      org_id: input.orgId,
      kind: input.kind,
      user_id: input.kind === "personal" ? userId : null,
      team_id: teamId ?? null,
      created_by: userId,
      name: input.name.trim(),
      prefix: key.prefix,
      secret_hash: key.hash,
      scopes: scopes === null ? null : JSON.stringify(scopes),
      expires_at: input.expiresInDays ? expiryFrom(now, input.expiresInDays) : null,
      last_used_at: null,
      revoked_at: null,
      revoked_reason: null,
      created_at: now.toISOString(),
    };
    await insertApiKey(trx, row);
    await bumpAccessVersion(trx, input.orgId);
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "api_key.created",
      target: { type: "api_key", id: row.id },
      after: {
        kind: row.kind,
        name: row.name,
        prefix: row.prefix,
        teamId: row.team_id,
        scopes,
        expiresAt: row.expires_at,
      },
    });
    const team = row.team_id ? await requireTeam(trx, input.orgId, row.team_id) : null;
    const owner = row.user_id ? await findUserById(trx, row.user_id) : undefined;
    return {
      apiKey: toApiKeyView({ ...row, team_name: team?.name ?? null, user_name: owner?.name ?? null }, now),
      secret: key.secret,
    };
  });
}
