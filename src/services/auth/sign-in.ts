import { findUserByEmail } from "../../db/queries/users.js";
import { inTransaction } from "../../db/transaction.js";
import { normalizeEmail } from "../../domain/email.js";
import { AppError } from "../../domain/errors.js";
import type { Deps, ServiceContext } from "../context.js";
import { assertPasswordSignInAllowed } from "../domains/assert-password-sign-in-allowed.js";
import { joinByVerifiedDomain } from "../domains/join-by-verified-domain.js";
import { type StartedSession, startSession } from "../shared/start-session.js";
import type { UserView } from "../shared/views.js";

export type SignInInput = { email: string; password: string; userAgent: string | null };

/**
 * Email and password to a new session. Unknown emails cost as much time as wrong passwords, and both
 * get the same error, so sign-in tells nobody which emails have accounts. An email at a verified
 * domain that requires SSO is refused before the password is looked at; a verified email at a
 * verified domain joins (or asks to join) the domain's org in the same transaction as the session.
 */
export async function signIn(
  deps: Deps,
  input: SignInInput,
): Promise<{ user: UserView; session: StartedSession }> {
  const email = normalizeEmail(input.email);
  if (email !== null) await assertPasswordSignInAllowed(deps.db, email);
  const user = email === null ? undefined : await findUserByEmail(deps.db, email);
  if (!user?.password_hash) {
    await deps.passwords.burn(input.password);
    throw new AppError("INVALID_CREDENTIALS");
  }
  if (!(await deps.passwords.verify(user.password_hash, input.password)))
    throw new AppError("INVALID_CREDENTIALS");
  const session = await inTransaction(deps.db, async (trx) => {
    const ctx: ServiceContext = {
      ...deps,
      actor: { kind: "user", userId: user.id, source: "console" },
      access: null,
    };
    await joinByVerifiedDomain(trx, ctx, { userId: user.id, email: user.email });
    return startSession(trx, deps, user.id, input.userAgent);
  });
  return { user: { id: user.id, email: user.email, name: user.name }, session };
}
