import { findUserByEmail } from "../../db/queries/users.js";
import { normalizeEmail } from "../../domain/email.js";
import { AppError } from "../../domain/errors.js";
import type { Deps } from "../context.js";
import { type StartedSession, startSession } from "../shared/start-session.js";
import type { UserView } from "../shared/views.js";

export type SignInInput = { email: string; password: string; userAgent: string | null };

/**
 * Email and password to a new session. Unknown emails cost as much time as wrong passwords, and both
 * get the same error, so sign-in tells nobody which emails have accounts.
 */
export async function signIn(
  deps: Deps,
  input: SignInInput,
): Promise<{ user: UserView; session: StartedSession }> {
  const email = normalizeEmail(input.email);
  const user = email === null ? undefined : await findUserByEmail(deps.db, email);
  if (!user?.password_hash) {
    await deps.passwords.burn(input.password);
    throw new AppError("INVALID_CREDENTIALS");
  }
  if (!(await deps.passwords.verify(user.password_hash, input.password)))
    throw new AppError("INVALID_CREDENTIALS");
  const session = await startSession(deps.db, deps, user.id, input.userAgent);
  return { user: { id: user.id, email: user.email, name: user.name }, session };
}
