import { countOrgs } from "../../db/queries/orgs.js";
import type { Deps } from "../context.js";

export async function getSetupStatus(deps: Deps): Promise<{ required: boolean }> {
  return { required: (await countOrgs(deps.db)) === 0 };
}
