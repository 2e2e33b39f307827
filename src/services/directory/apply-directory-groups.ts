import { revokePersonalKeysOf } from "../../db/queries/api-keys.js";
import {
  listGroupMappings,
  listMemberDirectoryGroups,
  setMemberDirectoryGroups,
} from "../../db/queries/directory-groups.js";
import { countMembersWithRole, findMembership, updateMembership } from "../../db/queries/memberships.js";
import { bumpAccessVersion } from "../../db/queries/orgs.js";
import {
  countTeamOwners,
  deleteTeamMembership,
  insertTeamMembership,
  listTeamRolesOfUser,
  updateTeamMembershipRole,
} from "../../db/queries/teams.js";
import type { DirectoryGroupSource } from "../../db/schema.js";
import type { Trx } from "../../db/transaction.js";
import { AppError } from "../../domain/errors.js";
import {
  type DirectoryPlan,
  groupKey,
  planDirectoryAccess,
  type TeamChange,
} from "../../domain/identity/group-mapping.js";
import { PLAN_RULES } from "../../domain/plans.js";
import { compareOrgRoles, type TeamRole } from "../../domain/roles.js";
import { nowIso, type ServiceContext } from "../context.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireLockedOrg } from "../shared/require.js";

export type ApplyDirectoryGroupsInput = {
  orgId: string;
  userId: string;
  /** Where these groups come from: an SSO sign-in's groups claim, or SCIM group memberships. */
  source: DirectoryGroupSource;
  /** Every group the person is in according to that source (not a change: the whole list). */
  groups: readonly string[];
  /**
   * What to do with a change that would remove a team's last owner or demote the org's last admin:
   * "throw" refuses the whole request with a clear error (SCIM: the directory must be told), "hold"
   * applies everything else and reports it (SSO sign-in: the person still gets in).
   */
  onUnsafe: "throw" | "hold";
};

export type ApplyDirectoryGroupsResult = {
  plan: DirectoryPlan;
  /** Changes left out for safety, in words. */
  heldBack: string[];
  changed: boolean;
};

/**
 * Brings a member's role, directory-managed teams and department in line with the org's group
 * mapping, inside the caller's transaction (the sign-in or SCIM request that brought the groups).
 * Records the groups first, so a later mapping change can be previewed against them.
 */
export async function applyDirectoryGroups(
  trx: Trx,
  ctx: ServiceContext,
  input: ApplyDirectoryGroupsInput,
): Promise<ApplyDirectoryGroupsResult> {
  const groups = new Map<string, string>();
  for (const name of input.groups) if (groupKey(name) !== "") groups.set(groupKey(name), name.trim());
  await setMemberDirectoryGroups(
    trx,
    { orgId: input.orgId, userId: input.userId, source: input.source, groups },
    nowIso(ctx),
  );
  return reconcileDirectoryAccess(trx, ctx, input);
}

/**
 * Re-applies the mapping to a member's recorded groups (every source), e.g. after the mapping changed.
 */
export async function reconcileDirectoryAccess(
  trx: Trx,
  ctx: ServiceContext,
  input: { orgId: string; userId: string; onUnsafe: "throw" | "hold" },
): Promise<ApplyDirectoryGroupsResult> {
  const now = nowIso(ctx);
  const org = await requireLockedOrg(trx, input.orgId);
  const member = await findMembership(trx, org.id, input.userId);
  if (!member)
    throw new AppError("NOT_FOUND", { message: "This person is not a member of the organization." });
  const rules = await listGroupMappings(trx, org.id);
  const teamRows = await listTeamRolesOfUser(trx, org.id, input.userId);
  const plan = planDirectoryAccess(rules, await listMemberDirectoryGroups(trx, org.id, input.userId), {
    role: member.role,
    department: member.department,
    teams: new Map(teamRows.map((r) => [r.team_id, r.role])),
  });

  const heldBack: string[] = [];
  const unsafe = (message: string, code: "LAST_ADMIN" | "LAST_TEAM_OWNER") => {
    if (input.onUnsafe === "throw") throw new AppError(code, { message });
    heldBack.push(message);
  };

  let role = member.role;
  if (plan.role) {
    if (member.role === "admin" && (await countMembersWithRole(trx, org.id, "admin")) <= 1) {
      unsafe(
        `The directory groups make ${input.userId} a ${plan.role}, but they are the organization's last admin. Make someone else an admin first.`,
        "LAST_ADMIN",
      );
    } else {
      role = plan.role;
    }
  }
  const department = plan.department ?? member.department;
  const teamRoles = PLAN_RULES[org.plan].hasTeamRoles;
  const applied: TeamChange[] = [];
  for (const change of plan.teams) {
    const leavesNoOwner =
      change.kind !== "add" &&
      change.from === "owner" &&
      (change.kind === "remove" || change.role !== "owner");
    if (leavesNoOwner && (await countTeamOwners(trx, change.teamId)) <= 1) {
      unsafe(
        `The directory groups would take team ${change.teamId} from its last owner. Make someone else an owner of the team first, or map a group to the owner role.`,
        "LAST_TEAM_OWNER",
      );
      continue;
    }
    // Plans without team roles keep everyone a plain team member.
    const teamRole: TeamRole = teamRoles ? (change.kind === "remove" ? change.from : change.role) : "member";
    if (change.kind === "add") {
      await insertTeamMembership(trx, {
        team_id: change.teamId,
        user_id: input.userId,
        org_id: org.id,
        role: teamRole,
        created_at: now,
        updated_at: now,
      });
    } else if (change.kind === "update") {
      if (!teamRoles) continue;
      await updateTeamMembershipRole(trx, change.teamId, input.userId, teamRole, now);
    } else {
      await deleteTeamMembership(trx, change.teamId, input.userId);
    }
    applied.push(change);
    await recordAuditEvent(trx, ctx, {
      orgId: org.id,
      action:
        change.kind === "add"
          ? "team_member.added"
          : change.kind === "update"
            ? "team_member.updated"
            : "team_member.removed",
      target: { type: "team_member", id: `${change.teamId}:${input.userId}` },
      before: change.kind === "add" ? undefined : { role: change.from },
      after: change.kind === "remove" ? undefined : { role: teamRole, via: "directory groups" },
    });
  }

  const memberChanged = role !== member.role || department !== member.department;
  if (memberChanged) {
    await updateMembership(trx, org.id, input.userId, { role, department, updated_at: now });
    if (compareOrgRoles(role, member.role) < 0) {
      await revokePersonalKeysOf(
        trx,
        org.id,
        input.userId,
        now,
        `owner demoted to ${role} by directory groups`,
      );
    }
    await recordAuditEvent(trx, ctx, {
      orgId: org.id,
      action: "member.updated",
      target: { type: "member", id: input.userId },
      before: { role: member.role, department: member.department },
      after: { role, department, via: "directory groups", groups: plan.matchedGroups },
    });
  }
  const changed = memberChanged || applied.length > 0;
  if (changed) await bumpAccessVersion(trx, org.id);
  return { plan, heldBack, changed };
}
