import type { Executor } from "../../db/client.js";
import { listTeams } from "../../db/queries/teams.js";
import { AppError } from "../../domain/errors.js";
import { type GroupMappingRule, mappingProblems } from "../../domain/identity/group-mapping.js";

/** Checks a submitted mapping: the rules' own consistency, and that every team exists in the org. */
export async function validateMapping(
  db: Executor,
  orgId: string,
  rules: readonly GroupMappingRule[],
): Promise<void> {
  const problems = mappingProblems(rules);
  const teams = new Set((await listTeams(db, orgId)).map((t) => t.id));
  rules.forEach((rule, index) => {
    if (rule.teamId && !teams.has(rule.teamId)) {
      problems.push(
        `Rule ${index + 1} (${rule.group}): team ${rule.teamId} does not exist in this organization.`,
      );
    }
  });
  if (problems.length > 0) {
    throw new AppError("VALIDATION_FAILED", { message: problems.join(" "), details: { problems } });
  }
}
