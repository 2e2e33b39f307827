import { findMembership, insertMembership } from "../../db/queries/memberships.js";
import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { findScimUser, findScimUserByUserId, insertScimUser } from "../../db/queries/scim.js";
import { findTeam, insertTeamMembership } from "../../db/queries/teams.js";
import { findUserByEmail, insertUser } from "../../db/queries/users.js";
import { inTransaction } from "../../db/transaction.js";
import { ScimError } from "../../domain/scim/scim-error.js";
import { newId } from "../../lib/ids.js";
import { type Deps, nowIso } from "../context.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireLockedOrg } from "../shared/require.js";
import { assertSeatAvailable } from "../shared/seats.js";
import { type Json, type ScimCaller, scimContext } from "./scim-shared.js";
import {
  applyDepartment,
  assertUserNameFree,
  readUserInput,
  setMemberActive,
  userRepresentation,
} from "./scim-user-shared.js";

/**
 * POST /Users: the person becomes a member (a new account has no password: they sign in by SSO), as a
 * plain member in the org's default team until their groups say otherwise. A person who is already a
 * member (invited before SCIM was set up) is linked, not duplicated. Counts against the seat limit.
 */
export async function createScimUser(deps: Deps, caller: ScimCaller, body: unknown): Promise<Json> {
  const input = readUserInput(body);
  const ctx = scimContext(deps);
  return inTransaction(deps.db, async (trx) => {
    const now = nowIso(ctx);
    const org = await requireLockedOrg(trx, caller.orgId);
    await assertUserNameFree(trx, org.id, input.userNameKey, null);

    let user = await findUserByEmail(trx, input.email);
    if (!user) {
      user = {
        id: newId(),
        email: input.email,
        name: input.name,
        password_hash: null,
        // One org's directory does not prove an address to other orgs (domain join needs a proof).
        email_verified_at: null,
        created_at: now,
        updated_at: now,
      };
      await insertUser(trx, user);
    }
    const linked = await findScimUserByUserId(trx, org.id, user.id);
    if (linked) {
      throw new ScimError(
        409,
        `${input.email} is already provisioned as userName "${linked.user_name}" (id ${linked.id}).`,
        "uniqueness",
      );
    }
    const existing = await findMembership(trx, org.id, user.id);
    if (!existing) {
      // A person created inactive joins suspended and holds no seat (reactivation checks for one).
      if (input.active) await assertSeatAvailable(trx, org, deps.config, now, { countPending: false });
      await insertMembership(trx, {
        id: newId(),
        org_id: org.id,
        user_id: user.id,
        role: "member",
        department: input.department,
        created_at: now,
        updated_at: now,
      });
      const team = org.default_team_id ? await findTeam(trx, org.id, org.default_team_id) : undefined;
      if (team) {
        await insertTeamMembership(trx, {
          team_id: team.id,
          user_id: user.id,
          org_id: org.id,
          role: "member",
          created_at: now,
          updated_at: now,
        });
      }
      await bumpAccessVersion(trx, org.id);
      await recordAuditEvent(trx, ctx, {
        orgId: org.id,
        action: "member.added",
        target: { type: "member", id: user.id },
        after: {
          role: "member",
          department: input.department,
          team: team ? { teamId: team.id, name: team.name } : null,
          via: "SCIM",
        },
      });
    }
    const id = newId();
    await insertScimUser(trx, {
      id,
      org_id: org.id,
      user_id: user.id,
      external_id: input.externalId,
      user_name: input.userName,
      user_name_key: input.userNameKey,
      attributes: JSON.stringify(input.attributes),
      active: input.active ? 1 : 0,
      version: 1,
      created_at: now,
      updated_at: now,
    });
    if (!input.active) await setMemberActive(trx, ctx, org.id, user.id, false);
    if (existing) await applyDepartment(trx, ctx, org.id, user.id, input.department);
    await recordAuditEvent(trx, ctx, {
      orgId: org.id,
      action: "scim_user.created",
      target: { type: "scim_user", id },
      after: {
        userId: user.id,
        userName: input.userName,
        externalId: input.externalId,
        active: input.active,
        linkedExistingMember: existing !== undefined,
      },
    });
    const row = await findScimUser(trx, org.id, id);
    if (!row) throw new Error("SCIM user vanished");
    return userRepresentation(trx, caller, row);
  });
}
