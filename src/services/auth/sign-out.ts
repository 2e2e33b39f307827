import { deleteSession } from "../../db/queries/sessions.js";
import { hashToken } from "../../security/tokens.js";
import type { Deps } from "../context.js";

export async function signOut(deps: Deps, sessionToken: string): Promise<void> {
  await deleteSession(deps.db, hashToken(sessionToken));
}
