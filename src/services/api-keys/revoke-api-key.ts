import { findApiKey, revokeApiKey as revokeApiKeyRow } from "../../db/queries/api-keys.js";
import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { inTransaction } from "../../db/transaction.js";
import { AppError } from "../../domain/errors.js";
import type { ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { type ApiKeyView, toApiKeyView } from "./api-key-view.js";

/** The key stops working on the next request, on every instance. */
export async function revokeApiKey(
  ctx: ServiceContext,
  input: { orgId: string; keyId: string },
): Promise<ApiKeyView> {
  const now = ctx.clock.now();
  const existing = await findApiKey(ctx.db, input.orgId, input.keyId);
  if (!existing)
    throw new AppError("NOT_FOUND", { message: "That API key does not exist in this organization." });
  const isOwn =
    ctx.actor.kind === "user" && existing.kind === "personal" && existing.user_id === ctx.actor.userId;
  if (!isOwn) {
    if (existing.kind === "team" && existing.team_id) {
      await authorize(ctx, input.orgId, "team-api-keys:manage", { type: "team", id: existing.team_id });
    } else {
      await authorize(ctx, input.orgId, "credentials:manage", { type: "org" });
    }
  }
  return inTransaction(ctx.db, async (trx) => {
    if (
      !(await revokeApiKeyRow(
        trx,
        existing.id,
        now.toISOString(),
        isOwn ? "revoked by its owner" : "revoked",
      ))
    ) {
      return toApiKeyView({ ...existing }, now);
    }
    await bumpAccessVersion(trx, input.orgId);
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "api_key.revoked",
      target: { type: "api_key", id: existing.id },
      before: { prefix: existing.prefix, name: existing.name },
    });
    return toApiKeyView({ ...existing, revoked_at: now.toISOString(), revoked_reason: "revoked" }, now);
  });
}
