import type { GroupMappingRule } from "../../domain/identity/group-mapping.js";
import type { Executor } from "../client.js";
import type { DirectoryGroupSource, GroupMappingRow } from "../schema.js";

export function toRule(row: GroupMappingRow): GroupMappingRule {
  return {
    group: row.group_name,
    role: row.role,
    teamId: row.team_id,
    teamRole: row.team_role,
    department: row.department,
  };
}

/** The org's group mapping, in rule order. */
export async function listGroupMappings(db: Executor, orgId: string): Promise<GroupMappingRule[]> {
  const rows = await db
    .selectFrom("group_mappings")
    .selectAll()
    .where("org_id", "=", orgId)
    .orderBy("position")
    .execute();
  return rows.map(toRule);
}

export async function replaceGroupMappings(
  db: Executor,
  orgId: string,
  rows: readonly GroupMappingRow[],
): Promise<void> {
  await db.deleteFrom("group_mappings").where("org_id", "=", orgId).execute();
  if (rows.length > 0)
    await db
      .insertInto("group_mappings")
      .values([...rows])
      .execute();
}

/** Records the groups a member was last seen in from one source (SSO sign-in or SCIM). */
export async function setMemberDirectoryGroups(
  db: Executor,
  row: { orgId: string; userId: string; source: DirectoryGroupSource; groups: ReadonlyMap<string, string> },
  now: string,
): Promise<void> {
  await db
    .deleteFrom("member_directory_groups")
    .where("org_id", "=", row.orgId)
    .where("user_id", "=", row.userId)
    .where("source", "=", row.source)
    .execute();
  if (row.groups.size === 0) return;
  await db
    .insertInto("member_directory_groups")
    .values(
      [...row.groups].map(([key, name]) => ({
        org_id: row.orgId,
        user_id: row.userId,
        source: row.source,
        group_key: key,
        group_name: name,
        updated_at: now,
      })),
    )
    .execute();
}

/** Every source's groups of one member. */
export async function listMemberDirectoryGroups(
  db: Executor,
  orgId: string,
  userId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom("member_directory_groups")
    .select("group_name")
    .where("org_id", "=", orgId)
    .where("user_id", "=", userId)
    .execute();
  return rows.map((r) => r.group_name);
}

/** Members the directory knows groups of, with those groups: whom a mapping change can affect. */
export async function listDirectoryMembers(db: Executor, orgId: string) {
  const rows = await db
    .selectFrom("member_directory_groups as g")
    .innerJoin("memberships as m", (j) =>
      j.onRef("m.org_id", "=", "g.org_id").onRef("m.user_id", "=", "g.user_id"),
    )
    .innerJoin("users as u", "u.id", "g.user_id")
    .select(["g.user_id", "g.group_name", "u.name", "u.email", "m.role", "m.department"])
    .where("g.org_id", "=", orgId)
    .orderBy("u.email")
    .execute();
  const members = new Map<
    string,
    {
      userId: string;
      name: string;
      email: string;
      role: (typeof rows)[number]["role"];
      department: string | null;
      groups: string[];
    }
  >();
  for (const row of rows) {
    const member = members.get(row.user_id) ?? {
      userId: row.user_id,
      name: row.name,
      email: row.email,
      role: row.role,
      department: row.department,
      groups: [],
    };
    member.groups.push(row.group_name);
    members.set(row.user_id, member);
  }
  return [...members.values()];
}
