import { renameTeam as renameTeamRow } from "../../db/queries/teams.js";
import { inTransaction } from "../../db/transaction.js";
import { nowIso, type ServiceContext } from "../context.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireTeam } from "../shared/require.js";

export async function renameTeam(
  ctx: ServiceContext,
  input: { orgId: string; teamId: string; name: string },
) {
  const now = nowIso(ctx);
  const name = input.name.trim();
  return inTransaction(ctx.db, async (trx) => {
    const team = await requireTeam(trx, input.orgId, input.teamId);
    await renameTeamRow(trx, team.id, name, now);
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "team.renamed",
      target: { type: "team", id: team.id },
      before: { name: team.name },
      after: { name },
    });
    return { id: team.id, name };
  });
}
