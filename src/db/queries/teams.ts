import type { TeamRole } from "../../domain/roles.js";
import { teamNameKey } from "../../domain/team-names.js";
import type { Executor } from "../client.js";
import type { TeamMembershipRow, TeamRow } from "../schema.js";

export function findTeam(db: Executor, orgId: string, teamId: string): Promise<TeamRow | undefined> {
  return db
    .selectFrom("teams")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", teamId)
    .executeTakeFirst();
}

export async function insertTeam(db: Executor, team: TeamRow): Promise<void> {
  await db.insertInto("teams").values(team).execute();
}

export async function renameTeam(db: Executor, teamId: string, name: string, now: string): Promise<void> {
  await db
    .updateTable("teams")
    .set({ name, name_key: teamNameKey(name), updated_at: now })
    .where("id", "=", teamId)
    .execute();
}

export async function deleteTeam(db: Executor, teamId: string): Promise<void> {
  await db.deleteFrom("teams").where("id", "=", teamId).execute();
}

/** The org's teams with their member counts; only `teamId` when given. */
export function listTeams(db: Executor, orgId: string, teamId?: string) {
  return db
    .selectFrom("teams as t")
    .leftJoin("team_memberships as tm", "tm.team_id", "t.id")
    .select(["t.id", "t.name", "t.created_at"])
    .select((eb) => eb.fn.count<number>("tm.user_id").as("member_count"))
    .where("t.org_id", "=", orgId)
    .$if(teamId !== undefined, (q) => q.where("t.id", "=", teamId as string))
    .groupBy(["t.id", "t.name", "t.created_at"])
    .orderBy("t.id")
    .execute();
}

export function findTeamMembership(
  db: Executor,
  teamId: string,
  userId: string,
): Promise<TeamMembershipRow | undefined> {
  return db
    .selectFrom("team_memberships")
    .selectAll()
    .where("team_id", "=", teamId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

export async function insertTeamMembership(db: Executor, row: TeamMembershipRow): Promise<void> {
  await db.insertInto("team_memberships").values(row).execute();
}

export async function updateTeamMembershipRole(
  db: Executor,
  teamId: string,
  userId: string,
  role: TeamRole,
  now: string,
): Promise<void> {
  await db
    .updateTable("team_memberships")
    .set({ role, updated_at: now })
    .where("team_id", "=", teamId)
    .where("user_id", "=", userId)
    .execute();
}

export async function deleteTeamMembership(db: Executor, teamId: string, userId: string): Promise<void> {
  await db
    .deleteFrom("team_memberships")
    .where("team_id", "=", teamId)
    .where("user_id", "=", userId)
    .execute();
}

export async function countTeamOwners(db: Executor, teamId: string): Promise<number> {
  const row = await db
    .selectFrom("team_memberships")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("team_id", "=", teamId)
    .where("role", "=", "owner")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function listTeamMembers(db: Executor, teamId: string) {
  return db
    .selectFrom("team_memberships as tm")
    .innerJoin("users as u", "u.id", "tm.user_id")
    .select(["tm.user_id", "u.name", "u.email", "tm.role", "tm.created_at"])
    .where("tm.team_id", "=", teamId)
    .orderBy("tm.created_at")
    .orderBy("tm.user_id")
    .execute();
}

export async function deleteTeamMembershipsOfUser(
  db: Executor,
  orgId: string,
  userId: string,
): Promise<void> {
  await db.deleteFrom("team_memberships").where("org_id", "=", orgId).where("user_id", "=", userId).execute();
}

/** Teams in which this person is the only owner: removing them from the org would orphan those teams. */
export function listTeamsSolelyOwnedBy(db: Executor, orgId: string, userId: string) {
  return db
    .selectFrom("team_memberships as tm")
    .innerJoin("teams as t", "t.id", "tm.team_id")
    .select(["t.id", "t.name"])
    .where("tm.org_id", "=", orgId)
    .where("tm.user_id", "=", userId)
    .where("tm.role", "=", "owner")
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("team_memberships as other")
            .select("other.user_id")
            .whereRef("other.team_id", "=", "tm.team_id")
            .where("other.role", "=", "owner")
            .where("other.user_id", "!=", userId),
        ),
      ),
    )
    .execute();
}

export function listTeamRolesOfUser(db: Executor, orgId: string, userId: string) {
  return db
    .selectFrom("team_memberships")
    .select(["team_id", "role"])
    .where("org_id", "=", orgId)
    .where("user_id", "=", userId)
    .execute();
}

/** Every team membership in one org: who holds which role in which team. */
export function listTeamRolesInOrg(db: Executor, orgId: string) {
  return db
    .selectFrom("team_memberships")
    .select(["user_id", "team_id", "role"])
    .where("org_id", "=", orgId)
    .execute();
}

/** Every team of one person, in every org they belong to. */
export function listTeamsOfUserInAllOrgs(db: Executor, userId: string) {
  return db
    .selectFrom("team_memberships as tm")
    .innerJoin("teams as t", "t.id", "tm.team_id")
    .select(["tm.org_id", "tm.team_id", "t.name", "tm.role"])
    .where("tm.user_id", "=", userId)
    .orderBy("t.name")
    .execute();
}

/** Members of the org who are not in `teamId`. */
export function listMembersOutsideTeam(db: Executor, orgId: string, teamId: string) {
  return db
    .selectFrom("memberships as m")
    .select("m.user_id")
    .where("m.org_id", "=", orgId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("team_memberships as tm")
            .select("tm.user_id")
            .whereRef("tm.user_id", "=", "m.user_id")
            .where("tm.team_id", "=", teamId),
        ),
      ),
    )
    .execute();
}
