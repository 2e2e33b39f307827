import type { Executor } from "../client.js";

/**
 * Rows that name a person or a team by id without a foreign key (assignments and project members can
 * also name departments, so their target column is free text): cleaned up when the person leaves the
 * org or the team is deleted, so nothing dangling can grant access later.
 */
export async function deleteReferencesToUser(db: Executor, orgId: string, userId: string): Promise<void> {
  await db
    .deleteFrom("permission_set_assignments")
    .where("org_id", "=", orgId)
    .where("target_type", "=", "user")
    .where("target_id", "=", userId)
    .execute();
  await db
    .deleteFrom("project_members")
    .where("org_id", "=", orgId)
    .where("member_type", "=", "user")
    .where("member_ref", "=", userId)
    .execute();
}

export async function deleteReferencesToTeam(db: Executor, orgId: string, teamId: string): Promise<void> {
  await db
    .deleteFrom("permission_set_assignments")
    .where("org_id", "=", orgId)
    .where("target_type", "=", "team")
    .where("target_id", "=", teamId)
    .execute();
  await db
    .deleteFrom("project_members")
    .where("org_id", "=", orgId)
    .where("member_type", "=", "team")
    .where("member_ref", "=", teamId)
    .execute();
}

/** What a team owns (team-scoped agents, context files, knowledge bases): deleting it would orphan them. */
export async function countTeamOwnedResources(db: Executor, teamId: string): Promise<number> {
  const [agents, files, kbs] = await Promise.all(
    (["agents", "context_files", "knowledge_bases"] as const).map((table) =>
      db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("team_id", "=", teamId)
        .executeTakeFirstOrThrow(),
    ),
  );
  return Number(agents?.n ?? 0) + Number(files?.n ?? 0) + Number(kbs?.n ?? 0);
}
