import { bumpAccessVersion } from "../../db/queries/orgs.js";
import { replaceTeamSpaceAccess } from "../../db/queries/team-spaces.js";
import { inTransaction } from "../../db/transaction.js";
import { kindAndName } from "../../domain/access/naming.js";
import {
  type SpaceLevel,
  type SpaceResourceType,
  spaceResourceRef,
} from "../../domain/access/policy-data.js";
import { AppError } from "../../domain/errors.js";
import type { ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireDistinctTeams } from "../shared/require-teams.js";
import {
  loadTeamSpaceDetail,
  requireTeamSpace,
  type TeamSpaceDetailView,
  type TeamSpaceResourceView,
} from "./team-space-view.js";

export type SetTeamSpaceAccessInput = {
  orgId: string;
  teamSpaceId: string;
  access: readonly {
    teamId: string;
    level: SpaceLevel;
    /** Only these of the space's resources (mixus "Related teams: Specific resource access"). */
    resources?: readonly { resourceType: SpaceResourceType; resourceId: string }[] | null;
  }[];
};

/**
 * Replaces which teams reach the space and how (mixus: "Marketing team: Full access", "Leadership: View
 * access", "Related teams: Specific resource access", "Other departments: No access"). A team's access
 * covers the whole space, or with `resources` only those of the space's resources, at its level; teams
 * left out have no access, as with `none`.
 */
export async function setTeamSpaceAccess(
  ctx: ServiceContext,
  input: SetTeamSpaceAccessInput,
): Promise<TeamSpaceDetailView> {
  await authorize(ctx, input.orgId, "policies:configure", { type: "org" });
  const row = await requireTeamSpace(ctx.db, input.orgId, input.teamSpaceId);
  await requireDistinctTeams(
    ctx.db,
    input.orgId,
    input.access.map((a) => a.teamId),
  );
  return inTransaction(ctx.db, async (trx) => {
    const before = await loadTeamSpaceDetail(trx, input.orgId, row.id);
    const inSpace = new Set(before.resources.map(resourceRef));
    const access = input.access.map((a) => ({
      teamId: a.teamId,
      level: a.level,
      resources: a.resources == null ? null : listedResources(a, inSpace, row.name),
    }));
    await replaceTeamSpaceAccess(trx, input.orgId, row.id, access);
    await bumpAccessVersion(trx, input.orgId);
    const after = await loadTeamSpaceDetail(trx, input.orgId, row.id);
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "team_space.access_set",
      target: { type: "team_space", id: row.id },
      before: { key: row.key, access: before.access.map(auditedAccess) },
      after: { key: row.key, access: after.access.map(auditedAccess) },
    });
    return after;
  });
}

const resourceRef = (r: TeamSpaceResourceView) => spaceResourceRef(r.resourceType, r.resourceId);

/** A team's listed resources, each once; each must be in the space, and the team must have a level. */
function listedResources(
  access: SetTeamSpaceAccessInput["access"][number],
  inSpace: ReadonlySet<string>,
  spaceName: string,
): TeamSpaceResourceView[] {
  if (access.level === "none") {
    throw new AppError("VALIDATION_FAILED", {
      message: `Team ${access.teamId} has no access (level none), so it cannot have resources listed: give it view or full access to the listed resources, or leave its resources out.`,
      details: { field: "resources", teamId: access.teamId },
    });
  }
  const unique = new Map((access.resources ?? []).map((r) => [resourceRef(r), r]));
  const missing = [...unique.keys()].filter((ref) => !inSpace.has(ref));
  if (missing.length > 0) {
    throw new AppError("VALIDATION_FAILED", {
      message: `Not in the ${kindAndName("team space", spaceName)}: ${missing.join(", ")}. A team can be given only resources of the space: add them to the space first, or take them out of the team's list.`,
      details: { field: "resources", teamId: access.teamId, missing },
    });
  }
  return [...unique.values()].map((r) => ({ resourceType: r.resourceType, resourceId: r.resourceId }));
}

const auditedAccess = ({ teamId, level, resources }: TeamSpaceDetailView["access"][number]) => ({
  teamId,
  level,
  ...(resources !== null && { resources: resources.map(resourceRef) }),
});
