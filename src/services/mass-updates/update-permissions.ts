import type { Executor } from "../../db/client.js";
import { bumpAccessVersion } from "../../db/queries/orgs.js";
import {
  findTeamsByRef,
  insertAssignments,
  insertPermissionSets,
  updatePermissionSet,
} from "../../db/queries/permission-sets.js";
import { loadPolicyData } from "../../db/queries/policy.js";
import { inTransaction } from "../../db/transaction.js";
import { type MassUpdateFilter, matchPeople } from "../../domain/access/mass-update.js";
import {
  massChangesFromSeed,
  type SeedMassChanges,
  type UnmatchedChangeKeys,
  unmatchedChangeKeys,
} from "../../domain/access/mass-update-document.js";
import { catalogKeysOf } from "../../domain/access/permission-sets.js";
import { AppError } from "../../domain/errors.js";
import type { OrgRole } from "../../domain/roles.js";
import { newId } from "../../lib/ids.js";
import { nowIso, type ServiceContext } from "../context.js";
import { seedOf, storedRules } from "../permission-sets/permission-set-views.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireLockedOrg } from "../shared/require.js";
import { type PersonOutcome, planMassUpdate } from "./plan-mass-update.js";

/** A dry run or an update lists every person it touches; past this, narrow the filter. */
export const MAX_MASS_UPDATE_PEOPLE = 5000;

export type UpdatePermissionsInput = {
  orgId: string;
  /** The seed's filter: department, org role and team (name or id), all optional and ANDed. */
  filter: { department?: string; role?: OrgRole; team?: string };
  changes: SeedMassChanges;
  /** True (the default at the API): compute and report, write nothing. */
  dryRun: boolean;
};

export type MassUpdateResult = {
  operation: "update_permissions";
  dryRun: boolean;
  applied: boolean;
  filter: { department: string | null; role: OrgRole | null; team: { id: string; name: string } | null };
  changes: SeedMassChanges;
  matched: number;
  changed: number;
  /** Personal sets written (or that would be). */
  written: number;
  /** Names the changes give that match no model, integration or knowledge base of the org yet. */
  unmatched: UnmatchedChangeKeys;
  people: PersonOutcome[];
};

async function resolveFilter(
  db: Executor,
  orgId: string,
  filter: UpdatePermissionsInput["filter"],
): Promise<{ filter: MassUpdateFilter; team: { id: string; name: string } | null }> {
  let team: { id: string; name: string } | null = null;
  if (filter.team !== undefined) {
    const ref = filter.team.trim();
    team = (await findTeamsByRef(db, orgId, [ref])).get(ref) ?? null;
    if (team === null) {
      throw new AppError("NOT_FOUND", {
        message: `No team named or with the id "${ref}" in this organization. Check the filter's team.`,
        details: { field: "filter.team" },
      });
    }
  }
  return {
    team,
    filter: {
      ...(filter.department !== undefined && { department: filter.department }),
      ...(filter.role !== undefined && { role: filter.role }),
      ...(team && { teamId: team.id }),
    },
  };
}

/**
 * The seed's bulk `update_permissions` (admins): the changes go into the personal permission set of
 * each person the filter matches (created and assigned to them when they have none), all in one
 * transaction. A dry run computes the same report and writes nothing. Every matched person is listed
 * with their access before and after, as the decision engine decides it; those whose access does not
 * move are marked unchanged.
 */
export async function updatePermissions(
  ctx: ServiceContext,
  input: UpdatePermissionsInput,
): Promise<MassUpdateResult> {
  await authorize(ctx, input.orgId, "policies:configure", { type: "org" });
  const changes = massChangesFromSeed(input.changes);
  const nowMs = ctx.clock.nowMs();

  const run = async (db: Executor, write: boolean): Promise<MassUpdateResult> => {
    const { filter, team } = await resolveFilter(db, input.orgId, input.filter);
    const data = await loadPolicyData(db, input.orgId);
    if (data === null) throw new AppError("NOT_FOUND");
    const matched = matchPeople(data, filter).length;
    if (matched > MAX_MASS_UPDATE_PEOPLE) {
      throw new AppError("VALIDATION_FAILED", {
        message: `The filter matches ${matched} people; one mass update takes at most ${MAX_MASS_UPDATE_PEOPLE}. Narrow it by department, role or team.`,
        details: { field: "filter", matched },
      });
    }
    const plan = planMassUpdate(data, filter, changes, nowMs, newId);
    const newSetIds = new Set(plan.writes.filter((w) => w.isNew).map((w) => w.setId));
    if (write && plan.writes.length > 0) {
      const now = nowIso(ctx);
      const created = plan.writes.filter((w) => w.isNew);
      await insertPermissionSets(
        db,
        created.map((w) => ({
          id: w.setId,
          org_id: input.orgId,
          key: w.key,
          name: w.name,
          description: "Written by mass permission updates.",
          kind: "personal" as const,
          rules: storedRules(w.rules),
          created_at: now,
          updated_at: now,
        })),
      );
      for (const w of plan.writes) {
        if (!w.isNew)
          await updatePermissionSet(db, w.setId, { rules: storedRules(w.rules), updated_at: now });
      }
      await insertAssignments(
        db,
        plan.writes.map((w) => ({
          set_id: w.setId,
          org_id: input.orgId,
          target_type: "user" as const,
          target_id: w.userId,
          created_at: now,
        })),
      );
      await bumpAccessVersion(db, input.orgId);
      await recordAuditEvent(db, ctx, {
        orgId: input.orgId,
        action: "permissions.mass_updated",
        target: { type: "org", id: input.orgId },
        before: {
          people: plan.writes.map((w) => ({
            userId: w.userId,
            setId: w.isNew ? null : w.setId,
            rules: w.before === null ? null : seedOf(w.before),
          })),
        },
        after: {
          filter: input.filter,
          changes: input.changes,
          matched: plan.people.length,
          people: plan.writes.map((w) => ({ userId: w.userId, setId: w.setId, rules: seedOf(w.rules) })),
        },
      });
    }
    return {
      operation: "update_permissions",
      dryRun: !write,
      applied: write && plan.writes.length > 0,
      filter: { department: input.filter.department ?? null, role: input.filter.role ?? null, team },
      changes: input.changes,
      matched: plan.people.length,
      changed: plan.people.filter((p) => !p.unchanged).length,
      written: plan.writes.length,
      unmatched: unmatchedChangeKeys(changes, catalogKeysOf(data)),
      // A dry run names no set that does not exist yet.
      people: write
        ? plan.people
        : plan.people.map((p) => (newSetIds.has(p.personalSetId ?? "") ? { ...p, personalSetId: null } : p)),
    };
  };

  if (input.dryRun) return run(ctx.db, false);
  return inTransaction(ctx.db, async (trx) => {
    await requireLockedOrg(trx, input.orgId);
    return run(trx, true);
  });
}
