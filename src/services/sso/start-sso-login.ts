import * as client from "openid-client";
import { deleteExpiredLoginStates, findOidcConnection, insertLoginState } from "../../db/queries/sso.js";
import { inTransaction } from "../../db/transaction.js";
import { normalizeEmail } from "../../domain/email.js";
import { AppError } from "../../domain/errors.js";
import { safeReturnTo } from "../../domain/identity/return-to.js";
import { hashToken } from "../../security/tokens.js";
import type { Deps, ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { requireOrg } from "../shared/require.js";
import { connectionClient, redirectUri } from "./oidc-client.js";

/** How long a started login may take at the IdP before its state is refused. */
export const LOGIN_STATE_TTL_MS = 10 * 60 * 1000;

/**
 * Starts the authorization code flow: PKCE (S256), state and nonce. Only the state's hash is stored
 * (with the nonce and the sealed verifier) and the row is deleted by the callback that uses it.
 */
export async function startSsoLogin(
  deps: Deps,
  input: { orgId: string; returnTo?: string | undefined; loginHint?: string | undefined },
): Promise<{ redirectTo: string }> {
  const hint = input.loginHint === undefined ? null : normalizeEmail(input.loginHint);
  return begin(deps, {
    orgId: input.orgId,
    returnTo: safeReturnTo(input.returnTo),
    purpose: "login",
    startedBy: null,
    loginHint: hint,
  });
}

/**
 * The console's "Test login": the same flow, but the callback only reports the claims it received and
 * signs nobody in. Bound to the admin who started it. Works on a disabled connection, so it can be
 * tried before people depend on it.
 */
export async function startSsoTestLogin(
  ctx: ServiceContext,
  input: { orgId: string },
): Promise<{ redirectTo: string }> {
  await authorize(ctx, input.orgId, "sso:configure", { type: "org" });
  if (ctx.actor.kind !== "user") throw new AppError("FORBIDDEN");
  return begin(ctx, {
    orgId: input.orgId,
    returnTo: `/orgs/${input.orgId}/settings/sso`,
    purpose: "test",
    startedBy: ctx.actor.userId,
    loginHint: null,
  });
}

async function begin(
  deps: Deps,
  input: {
    orgId: string;
    returnTo: string;
    purpose: "login" | "test";
    startedBy: string | null;
    /** The email typed at Gatehouse, so the provider need not ask for it again (login_hint). */
    loginHint: string | null;
  },
): Promise<{ redirectTo: string }> {
  await requireOrg(deps.db, input.orgId);
  const connection = await findOidcConnection(deps.db, input.orgId);
  if (!connection || (input.purpose === "login" && connection.enabled !== 1)) {
    throw new AppError("SSO_NOT_CONFIGURED");
  }
  const { config } = await connectionClient(deps, connection);
  const state = client.randomState();
  const nonce = client.randomNonce();
  const verifier = client.randomPKCECodeVerifier();
  const now = deps.clock.now();
  await inTransaction(deps.db, async (trx) => {
    await deleteExpiredLoginStates(trx, now.toISOString());
    await insertLoginState(trx, {
      state_hash: hashToken(state),
      org_id: input.orgId,
      nonce,
      code_verifier_sealed: deps.sealer.seal(verifier),
      return_to: input.returnTo,
      purpose: input.purpose,
      started_by: input.startedBy,
      expires_at: new Date(now.getTime() + LOGIN_STATE_TTL_MS).toISOString(),
      created_at: now.toISOString(),
    });
  });
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri(deps),
    scope: connection.scopes,
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    ...(input.purpose === "test" && { prompt: "login" }),
    ...(input.loginHint !== null && { login_hint: input.loginHint }),
  });
  return { redirectTo: url.href };
}
