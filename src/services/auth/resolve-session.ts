import { findActiveSession, findActiveSessionWithAccess, touchSession } from "../../db/queries/sessions.js";
import type { OrgAccess } from "../../domain/permissions.js";
import { hashToken, isWellFormedToken } from "../../security/tokens.js";
import type { Deps } from "../context.js";
import type { UserView } from "../shared/views.js";
import { orgAccessFromRows } from "./load-org-access.js";

const DAY_MS = 24 * 60 * 60 * 1000;

export type ResolvedSession = {
  user: UserView;
  expiresAt: string;
  renewed: boolean;
  /**
   * When asked for an org: the user's access to it (null when not a member or suspended), read in the
   * same statement as the session, as fresh as loadOrgAccess's. Undefined when not asked.
   */
  access?: OrgAccess | null;
};

/**
 * The signed-in user behind a session cookie, or null. Sessions slide: once less than half of the
 * lifetime is left, a request pushes the expiry out again (one write per half-lifetime, not per
 * request). With `orgId` (a request to an org's route), the membership comes in the same round trip.
 */
export async function resolveSession(
  deps: Deps,
  token: string,
  orgId?: string,
): Promise<ResolvedSession | null> {
  if (!isWellFormedToken(token)) return null;
  const now = deps.clock.now();
  const id = hashToken(token);
  let access: OrgAccess | null | undefined;
  let session: Awaited<ReturnType<typeof findActiveSession>>;
  if (orgId === undefined) {
    session = await findActiveSession(deps.db, id, now.toISOString());
  } else {
    const rows = await findActiveSessionWithAccess(deps.db, id, now.toISOString(), orgId);
    session = rows[0];
    if (session) access = orgAccessFromRows(orgId, session.user_id, rows);
  }
  if (!session) return null;
  const ttl = deps.config.sessionTtlDays * DAY_MS;
  let expiresAt = session.expires_at;
  let renewed = false;
  if (Date.parse(session.expires_at) - now.getTime() < ttl / 2) {
    expiresAt = new Date(now.getTime() + ttl).toISOString();
    await touchSession(deps.db, session.id, now.toISOString(), expiresAt);
    renewed = true;
  }
  const user = { id: session.user_id, email: session.email, name: session.name };
  return access === undefined ? { user, expiresAt, renewed } : { user, expiresAt, renewed, access };
}
