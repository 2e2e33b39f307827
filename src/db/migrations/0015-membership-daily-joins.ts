import { type Kysely, sql } from "kysely";
import type { Migration } from "./index.js";

/**
 * Issue 4, the Invitation Dashboard's "new members this month": it counted the org's memberships
 * created since the 1st on every view, through (org_id, created_at) (0007); a growing org reads as many
 * index entries as people joined this month, and PostgreSQL scans the table when most of them did
 * (measured: 1-5 ms at 10,000 members). `membership_daily_joins` holds, per org and UTC day, how many of
 * today's memberships were created that day; the dashboard sums at most 31 rows. Row triggers keep it in
 * the same transaction as every membership insert and delete (accepting an invitation, SSO, SCIM, a
 * verified-domain join, removal, an org or user deleted), whatever the code path, as 0013 does for
 * invitations. A membership's org and creation time never change, so updates need no trigger.
 * Existing memberships are counted here.
 */
export const membershipDailyJoins: Migration = {
  async up(db: Kysely<unknown>, dialect) {
    await db.schema
      .createTable("membership_daily_joins")
      .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id").onDelete("cascade"))
      // YYYY-MM-DD, UTC.
      .addColumn("day", "text", (c) => c.notNull())
      .addColumn("joined", "integer", (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint("membership_daily_joins_pkey", ["org_id", "day"])
      .execute();
    const day = (row: string) =>
      sql.raw(
        dialect === "postgres"
          ? `to_char(${row}created_at at time zone 'UTC', 'YYYY-MM-DD')`
          : `substr(${row}created_at, 1, 10)`,
      );
    await sql`
      insert into membership_daily_joins (org_id, day, joined)
      select org_id, ${day("")}, count(*) from memberships group by org_id, ${day("")}
    `.execute(db);

    if (dialect === "postgres") {
      await sql`
        create function membership_daily_joins_on_change() returns trigger language plpgsql as $$
        begin
          if tg_op = 'INSERT' then
            insert into membership_daily_joins (org_id, day, joined)
            values (new.org_id, ${day("new.")}, 1)
            on conflict (org_id, day) do update set joined = membership_daily_joins.joined + 1;
          else
            update membership_daily_joins set joined = joined - 1
            where org_id = old.org_id and day = ${day("old.")};
          end if;
          return null;
        end $$
      `.execute(db);
      await sql`
        create trigger membership_daily_joins_change after insert or delete on memberships
        for each row execute function membership_daily_joins_on_change()
      `.execute(db);
    } else {
      await sql`
        create trigger membership_daily_joins_insert after insert on memberships
        begin
          insert into membership_daily_joins (org_id, day, joined)
          values (new.org_id, ${day("new.")}, 1)
          on conflict (org_id, day) do update set joined = joined + 1;
        end
      `.execute(db);
      await sql`
        create trigger membership_daily_joins_delete after delete on memberships
        begin
          update membership_daily_joins set joined = joined - 1
          where org_id = old.org_id and day = ${day("old.")};
        end
      `.execute(db);
    }
  },
};
