import { hash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Bearer secrets (invitation, session and setup tokens): 256 random bits, base64url. Only the SHA-256
 * of a token is stored, so a read of the database gives nothing that can be replayed. A fast hash is
 * right here (unlike passwords): the input already has 256 bits of entropy.
 */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return hash("sha256", token, "hex");
}

/** A token has exactly the shape `newToken` makes; anything else is refused before any lookup. */
export function isWellFormedToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

export function constantTimeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/** API keys: "gh_" + 256 random bits. The first characters are kept as a visible prefix. */
export const API_KEY_PREFIX = "gh_";
export const API_KEY_VISIBLE_CHARS = 11;

export function newApiKey(): { secret: string; prefix: string; hash: string } {
  const secret = `${API_KEY_PREFIX}${newToken()}`;
  return { secret, prefix: secret.slice(0, API_KEY_VISIBLE_CHARS), hash: hashToken(secret) };
}

export function isWellFormedApiKey(value: string): boolean {
  return value.startsWith(API_KEY_PREFIX) && isWellFormedToken(value.slice(API_KEY_PREFIX.length));
}
