import type { ServiceContext } from "../context.js";
import { nowIso } from "../context.js";
import { requireOrg } from "../shared/require.js";
import { getSeatUsage } from "../shared/seats.js";
import type { OrgView } from "../shared/views.js";

export async function getOrganization(ctx: ServiceContext, orgId: string): Promise<OrgView> {
  const org = await requireOrg(ctx.db, orgId);
  const seats = await getSeatUsage(ctx.db, org, ctx.config, nowIso(ctx));
  return {
    id: org.id,
    name: org.name,
    plan: org.plan,
    defaultTeamId: org.default_team_id,
    seats,
    createdAt: org.created_at,
  };
}
