import type { Executor } from "../../db/client.js";
import { deleteSetting, getSetting, insertSetting } from "../../db/queries/instance-settings.js";
import { countOrgs } from "../../db/queries/orgs.js";
import { inTransaction } from "../../db/transaction.js";
import { AppError } from "../../domain/errors.js";
import type { Plan } from "../../domain/plans.js";
import { constantTimeEqual, hashToken } from "../../security/tokens.js";
import { nowIso, type ServiceContext } from "../context.js";
import {
  type CreatedOrganization,
  prepareOrganization,
  writeOrganization,
} from "../orgs/create-organization.js";
import { type StartedSession, startSession } from "../shared/start-session.js";
import { SETUP_TOKEN_KEY } from "./issue-setup-token.js";

export type CompleteSetupInput = {
  orgName: string;
  plan: Plan;
  adminEmail: string;
  adminName: string;
  adminPassword: string;
  /** Required from the browser (the printed link); the CLI runs on the machine and needs none. */
  setupToken?: string;
  /** Sign the new admin in (the setup page does; the CLI does not). */
  startSessionFor?: { userAgent: string | null };
};

const SETUP_DONE_KEY = "setup_completed_at";

/**
 * First run: the instance's first organization and admin. Works once per instance: the marker row's
 * primary key makes a second, concurrent setup fail with SETUP_COMPLETE.
 */
export async function completeSetup(
  ctx: ServiceContext,
  input: CompleteSetupInput,
): Promise<CreatedOrganization & { session: StartedSession | null }> {
  const prepared = await prepareOrganization(ctx, {
    name: input.orgName,
    plan: input.plan,
    admin: { email: input.adminEmail, name: input.adminName, password: input.adminPassword },
  });
  return inTransaction(ctx.db, async (trx) => {
    if ((await countOrgs(trx)) > 0) throw new AppError("SETUP_COMPLETE");
    if (input.setupToken !== undefined) await consumeSetupToken(trx, input.setupToken);
    else await deleteSetting(trx, SETUP_TOKEN_KEY);
    // A plain insert, not an upsert: its primary key is what refuses a concurrent second setup.
    await insertSetting(trx, SETUP_DONE_KEY, nowIso(ctx), nowIso(ctx));
    const created = await writeOrganization(trx, ctx, prepared);
    const session = input.startSessionFor
      ? await startSession(trx, ctx, created.admin.id, input.startSessionFor.userAgent)
      : null;
    return { ...created, session };
  });
}

async function consumeSetupToken(trx: Executor, token: string): Promise<void> {
  const stored = await getSetting(trx, SETUP_TOKEN_KEY);
  if (stored === null || !constantTimeEqual(stored, hashToken(token)))
    throw new AppError("SETUP_TOKEN_INVALID");
  await deleteSetting(trx, SETUP_TOKEN_KEY);
}
