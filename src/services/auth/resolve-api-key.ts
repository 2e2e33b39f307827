import { findLiveApiKeyByHash } from "../../db/queries/api-keys.js";
import { AppError } from "../../domain/errors.js";
import { hashToken, isWellFormedApiKey } from "../../security/tokens.js";
import type { Deps } from "../context.js";
import type { UserView } from "../shared/views.js";

export type ApiKeyCaller = { apiKeyId: string; user: UserView };

/**
 * The person behind an API key presented to an organization's management API (`Authorization:
 * Bearer gh_…`). Read from the database on every request, so a revoked key, an expired one, or one
 * whose owner left or was demoted (which revokes it) stops working on the very next request.
 *
 * Only an unscoped personal key acts here, and only as its owner (the owner's role, read afresh by the
 * guard, decides each route). A scoped key was made for named actions and a team key acts as a team,
 * not a person: both stay on the decision API.
 */
export async function resolveApiKeyCaller(deps: Deps, orgId: string, token: string): Promise<ApiKeyCaller> {
  if (!isWellFormedApiKey(token)) throw new AppError("API_KEY_INVALID");
  const key = await findLiveApiKeyByHash(deps.db, hashToken(token), deps.clock.now().toISOString());
  // A key of another org is as unknown here as a made-up one.
  if (!key || key.org_id !== orgId) throw new AppError("API_KEY_INVALID");
  if (key.kind !== "personal" || key.user_id === null || key.user_email === null || key.user_name === null) {
    throw new AppError("FORBIDDEN", {
      message:
        "A team API key acts as its team and can only ask the decision API (POST …/check). Use a personal key to manage the organization.",
    });
  }
  if (key.scopes !== null) {
    throw new AppError("FORBIDDEN", {
      message:
        "This API key is scoped to named actions, so it can only ask the decision API. Create a personal key without scopes to manage the organization.",
    });
  }
  return { apiKeyId: key.id, user: { id: key.user_id, email: key.user_email, name: key.user_name } };
}
