import type { Executor } from "../../db/client.js";
import type { AgentScope } from "../../domain/access/policy-data.js";
import { AppError } from "../../domain/errors.js";
import { requireTeam } from "./require.js";

/**
 * Agents and context files are personal, team or org scoped (auxot seed). A team-scoped one belongs to
 * a team of the org; the other scopes name no team. Returns the team id to store.
 */
export async function resolveScopeTeam(
  db: Executor,
  orgId: string,
  scope: AgentScope,
  teamId: string | null | undefined,
  noun: "agent" | "context file",
): Promise<string | null> {
  if (scope === "team") {
    if (!teamId) {
      throw new AppError("VALIDATION_FAILED", {
        message: `A team-scoped ${noun} needs a teamId: the team it belongs to.`,
        details: { field: "teamId" },
      });
    }
    return (await requireTeam(db, orgId, teamId)).id;
  }
  if (teamId) {
    throw new AppError("VALIDATION_FAILED", {
      message: `Only team-scoped ${noun}s belong to a team. Leave teamId out for ${scope} scope, or set scope to team.`,
      details: { field: "teamId" },
    });
  }
  return null;
}

/** Ids a list names more than once (the same team twice in a share set). */
export function duplicatesOf(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const id of ids) (seen.has(id) ? twice : seen).add(id);
  return [...twice];
}
