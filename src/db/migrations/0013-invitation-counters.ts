import { type Kysely, sql } from "kysely";
import type { Dialect } from "../client.js";
import type { Migration } from "./index.js";

/**
 * Issue 4, dashboard and listing speed. The Invitation Dashboard used to count an org's invitations
 * on every view (100,000 index entries on a large org); it now reads counters:
 * - `invitation_counters`: one row per org, invitations by stored status, and how many were resent at
 *   least once;
 * - `invitation_daily_counts`: per org and UTC day, invitations sent (created) and accepted; the chart
 *   reads 30 rows.
 * Triggers keep both in the same transaction as every statement that inserts, updates or deletes an
 * invitation (create, accept, revoke, resend, the expiry sweep, import chunks, and any path added
 * later), and as every `invitation.resent` audit event. A trigger cannot be forgotten by a new code
 * path, which a counter updated by hand in each service can. On PostgreSQL the invitation triggers are
 * per statement with transition tables, so an import chunk of 500 rows updates a counter once, not 500
 * times; SQLite has row triggers only, which run in process and cost microseconds.
 * Existing rows are counted here.
 *
 * Listing: the pending-only (and any status) filter walks (org_id, status, id) newest first and needs
 * expires_at to tell live from lapsed pending invitations; with it in the index the walk reads no
 * table row it then throws away. Replaces `invitations_org_status_idx` (0001), its prefix.
 */
export const invitationCounters: Migration = {
  async up(db: Kysely<unknown>, dialect) {
    await db.schema
      .createTable("invitation_counters")
      .addColumn("org_id", "text", (c) => c.primaryKey().references("orgs.id").onDelete("cascade"))
      .addColumn("pending", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("accepted", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("expired", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("revoked", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("resent", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createTable("invitation_daily_counts")
      .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id").onDelete("cascade"))
      // YYYY-MM-DD, UTC.
      .addColumn("day", "text", (c) => c.notNull())
      .addColumn("sent", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("accepted", "integer", (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint("invitation_daily_counts_pkey", ["org_id", "day"])
      .execute();

    await db.schema
      .createIndex("invitations_org_status_id_expiry_idx")
      .on("invitations")
      .columns(["org_id", "status", "id", "expires_at"])
      .execute();
    await db.schema.dropIndex("invitations_org_status_idx").execute();

    await backfillInvitationCounters(db, dialect);
    if (dialect === "postgres") await createPostgresTriggers(db);
    else await createSqliteTriggers(db);
  },
};

/**
 * Counts every org's invitations into empty counter tables, from the rows as they are. Exported for the
 * test that checks it against the triggers.
 */
export async function backfillInvitationCounters(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const day = (column: string) =>
    dialect === "postgres"
      ? sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD')`)
      : sql.raw(`substr(${column}, 1, 10)`);

  await sql`
    insert into invitation_counters (org_id, pending, accepted, expired, revoked, resent)
    select org_id,
      sum(case when status = 'pending' then 1 else 0 end),
      sum(case when status = 'accepted' then 1 else 0 end),
      sum(case when status = 'expired' then 1 else 0 end),
      sum(case when status = 'revoked' then 1 else 0 end),
      0
    from invitations group by org_id
  `.execute(db);
  await sql`
    update invitation_counters set resent = (
      select count(distinct a.target_id) from audit_events a
      where a.org_id = invitation_counters.org_id and a.action = 'invitation.resent'
    )
  `.execute(db);
  await sql`
    insert into invitation_daily_counts (org_id, day, sent, accepted)
    select org_id, day, sum(sent), sum(accepted) from (
      select org_id, ${day("created_at")} as day, 1 as sent, 0 as accepted from invitations
      union all
      select org_id, ${day("accepted_at")} as day, 0 as sent, 1 as accepted from invitations
      where accepted_at is not null
    ) as events
    group by org_id, day
  `.execute(db);
}

async function createPostgresTriggers(db: Kysely<unknown>) {
  const day = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD')`;
  // Per status: +1 for each row now in it, -1 for each row no longer in it.
  const statusDelta = (sign: string, rows: string) => `
    select org_id,
      ${sign}count(*) filter (where status = 'pending') as pending,
      ${sign}count(*) filter (where status = 'accepted') as accepted,
      ${sign}count(*) filter (where status = 'expired') as expired,
      ${sign}count(*) filter (where status = 'revoked') as revoked
    from ${rows} group by org_id`;
  const applyStatusDelta = (delta: string) => `
    update invitation_counters as c set
      pending = c.pending + d.pending, accepted = c.accepted + d.accepted,
      expired = c.expired + d.expired, revoked = c.revoked + d.revoked
    from (
      select org_id, sum(pending) as pending, sum(accepted) as accepted,
        sum(expired) as expired, sum(revoked) as revoked
      from (${delta}) as parts group by org_id
    ) as d
    where c.org_id = d.org_id`;

  await sql
    .raw(`
    create or replace function invitation_counters_on_insert() returns trigger language plpgsql as $$
    begin
      insert into invitation_counters as c (org_id, pending, accepted, expired, revoked)
      ${statusDelta("", "new_rows")}
      on conflict (org_id) do update set
        pending = c.pending + excluded.pending, accepted = c.accepted + excluded.accepted,
        expired = c.expired + excluded.expired, revoked = c.revoked + excluded.revoked;
      insert into invitation_daily_counts as d (org_id, day, sent, accepted)
      select org_id, day, sum(sent), sum(accepted) from (
        select org_id, ${day("created_at")} as day, 1 as sent, 0 as accepted from new_rows
        union all
        select org_id, ${day("accepted_at")}, 0, 1 from new_rows where accepted_at is not null
      ) as events group by org_id, day
      on conflict (org_id, day) do update set sent = d.sent + excluded.sent, accepted = d.accepted + excluded.accepted;
      return null;
    end;
    $$`)
    .execute(db);
  await sql
    .raw(`
    create or replace function invitation_counters_on_update() returns trigger language plpgsql as $$
    begin
      ${applyStatusDelta(`
        ${statusDelta("", "(select n.org_id, n.status from old_rows o join new_rows n on n.id = o.id where o.status is distinct from n.status) as now_in")}
        union all
        ${statusDelta("-", "(select o.org_id, o.status from old_rows o join new_rows n on n.id = o.id where o.status is distinct from n.status) as was_in")}
      `)};
      insert into invitation_daily_counts as d (org_id, day, sent, accepted)
      select org_id, day, 0, sum(accepted) from (
        select n.org_id, ${day("n.accepted_at")} as day, 1 as accepted
        from old_rows o join new_rows n on n.id = o.id
        where n.accepted_at is not null and o.accepted_at is distinct from n.accepted_at
        union all
        select o.org_id, ${day("o.accepted_at")}, -1
        from old_rows o join new_rows n on n.id = o.id
        where o.accepted_at is not null and o.accepted_at is distinct from n.accepted_at
      ) as events group by org_id, day
      on conflict (org_id, day) do update set accepted = d.accepted + excluded.accepted;
      return null;
    end;
    $$`)
    .execute(db);
  await sql
    .raw(`
    create or replace function invitation_counters_on_delete() returns trigger language plpgsql as $$
    begin
      -- Updates only: when an org is deleted its counter rows may already be gone, and must stay gone.
      ${applyStatusDelta(statusDelta("-", "old_rows"))};
      update invitation_daily_counts as c set sent = c.sent + d.sent, accepted = c.accepted + d.accepted
      from (
        select org_id, day, sum(sent) as sent, sum(accepted) as accepted from (
          select org_id, ${day("created_at")} as day, -1 as sent, 0 as accepted from old_rows
          union all
          select org_id, ${day("accepted_at")}, 0, -1 from old_rows where accepted_at is not null
        ) as events group by org_id, day
      ) as d
      where c.org_id = d.org_id and c.day = d.day;
      return null;
    end;
    $$`)
    .execute(db);
  await sql
    .raw(`
    create or replace function invitation_counters_on_resent() returns trigger language plpgsql as $$
    begin
      -- "Resent" counts invitations resent at least once: only an invitation's first resend counts.
      if not exists (
        select 1 from audit_events
        where org_id = new.org_id and action = 'invitation.resent' and target_id = new.target_id and id <> new.id
      ) then
        insert into invitation_counters as c (org_id, resent) values (new.org_id, 1)
        on conflict (org_id) do update set resent = c.resent + 1;
      end if;
      return null;
    end;
    $$`)
    .execute(db);
  await sql`
    create trigger invitation_counters_insert after insert on invitations
    referencing new table as new_rows
    for each statement execute function invitation_counters_on_insert()
  `.execute(db);
  await sql`
    create trigger invitation_counters_update after update on invitations
    referencing old table as old_rows new table as new_rows
    for each statement execute function invitation_counters_on_update()
  `.execute(db);
  await sql`
    create trigger invitation_counters_delete after delete on invitations
    referencing old table as old_rows
    for each statement execute function invitation_counters_on_delete()
  `.execute(db);
  await sql`
    create trigger invitation_counters_resent after insert on audit_events
    for each row when (new.action = 'invitation.resent' and new.org_id is not null)
    execute function invitation_counters_on_resent()
  `.execute(db);
}

async function createSqliteTriggers(db: Kysely<unknown>) {
  const is = (row: string, status: string) => `(${row}.status = '${status}')`;
  await sql`
    create trigger invitation_counters_insert after insert on invitations
    begin
      insert into invitation_counters (org_id, pending, accepted, expired, revoked)
      values (new.org_id, ${sql.raw(is("new", "pending"))}, ${sql.raw(is("new", "accepted"))},
        ${sql.raw(is("new", "expired"))}, ${sql.raw(is("new", "revoked"))})
      on conflict (org_id) do update set
        pending = pending + excluded.pending, accepted = accepted + excluded.accepted,
        expired = expired + excluded.expired, revoked = revoked + excluded.revoked;
      insert into invitation_daily_counts (org_id, day, sent, accepted)
      values (new.org_id, substr(new.created_at, 1, 10), 1, 0)
      on conflict (org_id, day) do update set sent = sent + 1;
      insert into invitation_daily_counts (org_id, day, sent, accepted)
      select new.org_id, substr(new.accepted_at, 1, 10), 0, 1 where new.accepted_at is not null
      on conflict (org_id, day) do update set accepted = accepted + 1;
    end
  `.execute(db);
  await sql`
    create trigger invitation_counters_update_status after update of status on invitations
    when old.status is not new.status
    begin
      update invitation_counters set
        pending = pending + ${sql.raw(is("new", "pending"))} - ${sql.raw(is("old", "pending"))},
        accepted = accepted + ${sql.raw(is("new", "accepted"))} - ${sql.raw(is("old", "accepted"))},
        expired = expired + ${sql.raw(is("new", "expired"))} - ${sql.raw(is("old", "expired"))},
        revoked = revoked + ${sql.raw(is("new", "revoked"))} - ${sql.raw(is("old", "revoked"))}
      where org_id = new.org_id;
    end
  `.execute(db);
  await sql`
    create trigger invitation_counters_update_accepted after update of accepted_at on invitations
    when old.accepted_at is not new.accepted_at
    begin
      update invitation_daily_counts set accepted = accepted - 1
      where old.accepted_at is not null and org_id = old.org_id and day = substr(old.accepted_at, 1, 10);
      insert into invitation_daily_counts (org_id, day, sent, accepted)
      select new.org_id, substr(new.accepted_at, 1, 10), 0, 1 where new.accepted_at is not null
      on conflict (org_id, day) do update set accepted = accepted + 1;
    end
  `.execute(db);
  await sql`
    create trigger invitation_counters_delete after delete on invitations
    begin
      update invitation_counters set
        pending = pending - ${sql.raw(is("old", "pending"))}, accepted = accepted - ${sql.raw(is("old", "accepted"))},
        expired = expired - ${sql.raw(is("old", "expired"))}, revoked = revoked - ${sql.raw(is("old", "revoked"))}
      where org_id = old.org_id;
      update invitation_daily_counts set sent = sent - 1
      where org_id = old.org_id and day = substr(old.created_at, 1, 10);
      update invitation_daily_counts set accepted = accepted - 1
      where old.accepted_at is not null and org_id = old.org_id and day = substr(old.accepted_at, 1, 10);
    end
  `.execute(db);
  await sql`
    create trigger invitation_counters_resent after insert on audit_events
    when new.action = 'invitation.resent' and new.org_id is not null and not exists (
      select 1 from audit_events
      where org_id = new.org_id and action = 'invitation.resent' and target_id = new.target_id and id <> new.id
    )
    begin
      insert into invitation_counters (org_id, resent) values (new.org_id, 1)
      on conflict (org_id) do update set resent = resent + 1;
    end
  `.execute(db);
}
