import { findActiveSession, touchSession } from "../../db/queries/sessions.js";
import { hashToken, isWellFormedToken } from "../../security/tokens.js";
import type { Deps } from "../context.js";
import type { UserView } from "../shared/views.js";

const DAY_MS = 24 * 60 * 60 * 1000;

export type ResolvedSession = { user: UserView; expiresAt: string; renewed: boolean };

/**
 * The signed-in user behind a session cookie, or null. Sessions slide: once less than half of the
 * lifetime is left, a request pushes the expiry out again (one write per half-lifetime, not per
 * request).
 */
export async function resolveSession(deps: Deps, token: string): Promise<ResolvedSession | null> {
  if (!isWellFormedToken(token)) return null;
  const now = deps.clock.now();
  const session = await findActiveSession(deps.db, hashToken(token), now.toISOString());
  if (!session) return null;
  const ttl = deps.config.sessionTtlDays * DAY_MS;
  let expiresAt = session.expires_at;
  let renewed = false;
  if (Date.parse(session.expires_at) - now.getTime() < ttl / 2) {
    expiresAt = new Date(now.getTime() + ttl).toISOString();
    await touchSession(deps.db, session.id, now.toISOString(), expiresAt);
    renewed = true;
  }
  return { user: { id: session.user_id, email: session.email, name: session.name }, expiresAt, renewed };
}
