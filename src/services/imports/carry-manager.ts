import { findInvitationProfile } from "../../db/queries/imports.js";
import type { Trx } from "../../db/transaction.js";

/**
 * On acceptance (team import, mixus seed): the membership keeps the manager the CSV named, as an email
 * and, once that person is a member of the org, as a user id. Members who named the newcomer as their
 * manager before the newcomer joined are linked now. Runs inside accept-invitation's transaction.
 */
export async function carryManager(
  trx: Trx,
  input: { orgId: string; invitationId: string; userId: string; email: string; now: string },
): Promise<{ managerEmail: string; managerUserId: string | null } | null> {
  await trx
    .updateTable("memberships")
    .set({ manager_user_id: input.userId, updated_at: input.now })
    .where("org_id", "=", input.orgId)
    .where("manager_email", "=", input.email)
    .where("manager_user_id", "is", null)
    .execute();

  const profile = await findInvitationProfile(trx, input.invitationId);
  if (!profile?.manager_email) return null;
  const manager = await trx
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select("u.id")
    .where("m.org_id", "=", input.orgId)
    .where("u.email", "=", profile.manager_email)
    .executeTakeFirst();
  const managerUserId = manager?.id ?? null;
  await trx
    .updateTable("memberships")
    .set({ manager_email: profile.manager_email, manager_user_id: managerUserId, updated_at: input.now })
    .where("org_id", "=", input.orgId)
    .where("user_id", "=", input.userId)
    .execute();
  return { managerEmail: profile.manager_email, managerUserId };
}
