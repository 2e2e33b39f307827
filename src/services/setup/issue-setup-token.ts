import { putSetting } from "../../db/queries/instance-settings.js";
import { countOrgs } from "../../db/queries/orgs.js";
import { hashToken, newToken } from "../../security/tokens.js";
import { type Deps, nowIso } from "../context.js";

export const SETUP_TOKEN_KEY = "setup_token_hash";

/**
 * On a fresh install, makes the one-time token of the setup link `serve` prints. A new start replaces
 * the previous token, so only the newest printed link works. Returns null once an organization exists.
 */
export async function issueSetupToken(deps: Deps): Promise<string | null> {
  if ((await countOrgs(deps.db)) > 0) return null;
  const token = newToken();
  await putSetting(deps.db, SETUP_TOKEN_KEY, hashToken(token), nowIso(deps));
  return token;
}
