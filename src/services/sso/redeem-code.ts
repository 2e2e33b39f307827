import * as client from "openid-client";
import type { OidcConnectionRow, SsoLoginStateRow } from "../../db/schema.js";
import { normalizeEmail } from "../../domain/email.js";
import type { Deps } from "../context.js";
import { connectionClient, rememberSigningKeys } from "./oidc-client.js";

// The exchange with the identity provider at the end of an SSO login: the authorization code for
// tokens, the ID token validated against the provider's (cached) keys, and the identity it asserts.

/** Who the identity provider says signed in, and the claims it sent (shown by a test login). */
export type SsoTestResult = {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  groups: string[];
  claims: Record<string, unknown>;
};

/**
 * Exchanges the code and validates the ID token with the cached provider metadata and keys. When the
 * ID token is signed with a key the cached JWKS does not have (the provider rotated its keys), the
 * cache is dropped, discovery and the JWKS are read again, and the same token response is validated
 * once more: the code is single-use, so the response is kept from the one token request and replayed
 * to the fresh client. A key still unknown after that refetch fails the login.
 */
export async function redeemCode(
  deps: Deps,
  connection: OidcConnectionRow,
  currentUrl: URL,
  state: SsoLoginStateRow,
  stateParam: string,
): Promise<client.IDToken> {
  const checks = {
    pkceCodeVerifier: deps.sealer.unseal(state.code_verifier_sealed),
    expectedState: stateParam,
    expectedNonce: state.nonce,
    idTokenExpected: true,
  };
  const first = await connectionClient(deps, connection);
  const isTokenEndpoint = (url: string) =>
    new URL(url).href === new URL(String(first.config.serverMetadata().token_endpoint)).href;
  const captured: { response?: { status: number; contentType: string; body: string } } = {};
  const replay = (kept: { status: number; contentType: string; body: string }) =>
    new Response(kept.body, { status: kept.status, headers: { "content-type": kept.contentType } });
  first.config[client.customFetch] = async (url, options) => {
    const response = await fetch(url, options as RequestInit);
    if (!isTokenEndpoint(url)) return response;
    captured.response = {
      status: response.status,
      contentType: response.headers.get("content-type") ?? "application/json",
      body: await response.text(),
    };
    return replay(captured.response);
  };
  try {
    const tokens = await client.authorizationCodeGrant(first.config, currentUrl, checks);
    rememberSigningKeys(deps, connection, first);
    return idTokenClaims(tokens);
  } catch (error) {
    const kept = captured.response;
    if (!isUnknownSigningKey(error) || kept === undefined) throw error;
    deps.oidcDiscovery.evict(connection.org_id);
    const fresh = await connectionClient(deps, connection);
    fresh.config[client.customFetch] = async (url, options) =>
      isTokenEndpoint(url) ? replay(kept) : fetch(url, options as RequestInit);
    const tokens = await client.authorizationCodeGrant(fresh.config, currentUrl, checks);
    rememberSigningKeys(deps, connection, fresh);
    return idTokenClaims(tokens);
  }
}

function idTokenClaims(tokens: { claims(): client.IDToken | undefined }): client.IDToken {
  const claims = tokens.claims();
  if (!claims) throw new Error("the token response has no ID token");
  return claims;
}

/** oauth4webapi's "no applicable keys found" (code OAUTH_KEY_SELECTION_FAILED), however wrapped. */
function isUnknownSigningKey(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    if ((current as { code?: unknown }).code === "OAUTH_KEY_SELECTION_FAILED") return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

export function readIdentity(connection: OidcConnectionRow, claims: client.IDToken): SsoTestResult {
  const raw = claims[connection.groups_claim];
  const groups = Array.isArray(raw)
    ? raw.filter((g): g is string => typeof g === "string")
    : typeof raw === "string"
      ? [raw]
      : [];
  const email = typeof claims.email === "string" ? normalizeEmail(claims.email) : null;
  return {
    issuer: claims.iss,
    subject: claims.sub,
    email,
    emailVerified: claims.email_verified === true,
    groups,
    claims: { ...claims },
  };
}
