import type { Executor } from "../../db/client.js";
import { insertSession } from "../../db/queries/sessions.js";
import { hashToken, newToken } from "../../security/tokens.js";
import type { Deps } from "../context.js";

export type StartedSession = { token: string; expiresAt: string };

const DAY_MS = 24 * 60 * 60 * 1000;

/** A new database session; only its hash is stored, the token goes to the cookie once. */
export async function startSession(
  db: Executor,
  deps: Pick<Deps, "clock" | "config">,
  userId: string,
  userAgent: string | null,
): Promise<StartedSession> {
  const token = newToken();
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + deps.config.sessionTtlDays * DAY_MS).toISOString();
  await insertSession(db, {
    id: hashToken(token),
    user_id: userId,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: expiresAt,
    user_agent: userAgent?.slice(0, 256) ?? null,
  });
  return { token, expiresAt };
}
