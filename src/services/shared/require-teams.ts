import type { Executor } from "../../db/client.js";
import { listTeamsByIds } from "../../db/queries/team-refs.js";
import { AppError } from "../../domain/errors.js";
import { duplicatesOf } from "./scope-team.js";

/**
 * The teams a share set or an access list names: each once, each a team of this org. Returns team id
 * → name.
 */
export async function requireDistinctTeams(
  db: Executor,
  orgId: string,
  teamIds: readonly string[],
): Promise<Map<string, string>> {
  const twice = duplicatesOf(teamIds);
  if (twice.length > 0) {
    throw new AppError("VALIDATION_FAILED", {
      message: `Each team may appear once; listed more than once: ${twice.join(", ")}.`,
      details: { field: "teamId", teamIds: twice },
    });
  }
  const teams = await listTeamsByIds(db, orgId, teamIds);
  const names = new Map(teams.map((t) => [t.id, t.name]));
  const missing = teamIds.filter((id) => !names.has(id));
  if (missing.length > 0) {
    throw new AppError("NOT_FOUND", {
      message: `No such team in this organization: ${missing.join(", ")}. Check the team ids.`,
      details: { teamIds: missing },
    });
  }
  return names;
}
