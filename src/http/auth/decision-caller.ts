import type { FastifyRequest } from "fastify";
import type { Policy } from "../../domain/access/policy.js";
import type { DecisionCaller } from "../../domain/access/policy-types.js";
import { AppError } from "../../domain/errors.js";
import { hashToken, isWellFormedApiKey } from "../../security/tokens.js";

const HASH_CACHE_SIZE = 10_000;
const hashes = new Map<string, string>();

/**
 * SHA-256 of a presented key, remembered for the keys in use (a backend sends the same few keys on
 * every request). Only well-formed keys get here, and the cache is bounded.
 */
function hashOf(token: string): string {
  let hash = hashes.get(token);
  if (hash === undefined) {
    hash = hashToken(token);
    if (hashes.size >= HASH_CACHE_SIZE) hashes.clear();
    hashes.set(token, hash);
  }
  return hash;
}

/** The bearer token of `Authorization: Bearer <token>`, if any. */
export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header === undefined) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) {
    throw new AppError("API_KEY_INVALID", { message: "Send the API key as `Authorization: Bearer gh_…`." });
  }
  return match[1] as string;
}

/**
 * Who is calling the decision API, resolved from the org's compiled policy, which holds the org's
 * live API keys: no database round trip on the hot path. A key of another org is simply unknown here.
 */
export function resolveDecisionCaller(
  request: FastifyRequest,
  policy: Policy,
  nowMs: number,
): DecisionCaller {
  const token = bearerToken(request);
  if (token !== null) {
    const key = isWellFormedApiKey(token) ? policy.apiKeysByHash.get(hashOf(token)) : undefined;
    if (!key) throw new AppError("API_KEY_INVALID");
    if (key.expiresAtMs !== null && key.expiresAtMs <= nowMs) {
      throw new AppError("API_KEY_INVALID", {
        message: `This API key expired on ${new Date(key.expiresAtMs).toISOString().slice(0, 10)}. Create a new one.`,
      });
    }
    // Made when the policy was compiled: its team, or its owner while a member (null once they left).
    if (key.caller === null) throw new AppError("API_KEY_INVALID");
    return key.caller;
  }
  if (!request.user) throw new AppError("UNAUTHENTICATED");
  // A user of another org learns nothing: the org is "not found" to them.
  if (!policy.people.has(request.user.id)) throw new AppError("NOT_FOUND");
  return { kind: "user", userId: request.user.id, apiKey: null };
}
