import { type Kysely, sql } from "kysely";
import type { Dialect } from "../client.js";
import type { Migration } from "./index.js";

/**
 * The foundation: users, organizations, memberships, teams, invitations, sessions, the audit trail.
 * Constraint names are stable: `src/db/errors.ts` turns their violations into error codes.
 */
export const initial: Migration = {
  async up(db: Kysely<unknown>, dialect: Dialect) {
    const ts = dialect === "postgres" ? sql`timestamptz` : sql`text`;

    await db.schema
      .createTable("users")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("email", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("password_hash", "text")
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .addUniqueConstraint("users_email_key", ["email"])
      .execute();

    await db.schema
      .createTable("orgs")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("plan", "text", (c) => c.notNull())
      .addColumn("seat_limit", "integer")
      .addColumn("default_team_id", "text")
      .addColumn("access_version", "bigint", (c) => c.notNull().defaultTo(0))
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .addCheckConstraint("orgs_plan_check", sql`plan in ('free', 'team', 'business', 'enterprise')`)
      .execute();

    await db.schema
      .createTable("memberships")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id").onDelete("cascade"))
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("role", "text", (c) => c.notNull())
      .addColumn("department", "text")
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .addUniqueConstraint("memberships_org_user_key", ["org_id", "user_id"])
      .addCheckConstraint("memberships_role_check", sql`role in ('viewer', 'member', 'admin')`)
      .execute();
    await db.schema.createIndex("memberships_user_idx").on("memberships").column("user_id").execute();
    await db.schema
      .createIndex("memberships_org_role_idx")
      .on("memberships")
      .columns(["org_id", "role"])
      .execute();

    await db.schema
      .createTable("teams")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id").onDelete("cascade"))
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("name_key", "text", (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .addUniqueConstraint("teams_org_name_key", ["org_id", "name_key"])
      .execute();

    await db.schema
      .createTable("team_memberships")
      .addColumn("team_id", "text", (c) => c.notNull().references("teams.id").onDelete("cascade"))
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id").onDelete("cascade"))
      .addColumn("role", "text", (c) => c.notNull())
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .addPrimaryKeyConstraint("team_memberships_pkey", ["team_id", "user_id"])
      .addCheckConstraint("team_memberships_role_check", sql`role in ('member', 'admin', 'owner')`)
      .execute();
    await db.schema
      .createIndex("team_memberships_org_user_idx")
      .on("team_memberships")
      .columns(["org_id", "user_id"])
      .execute();

    await db.schema
      .createTable("invitations")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("org_id", "text", (c) => c.notNull().references("orgs.id").onDelete("cascade"))
      .addColumn("email", "text", (c) => c.notNull())
      .addColumn("role", "text", (c) => c.notNull())
      .addColumn("team_id", "text", (c) => c.references("teams.id").onDelete("set null"))
      .addColumn("team_role", "text")
      .addColumn("department", "text")
      .addColumn("message", "text")
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("token_hash", "text", (c) => c.notNull())
      .addColumn("expires_at", ts, (c) => c.notNull())
      .addColumn("expiry_days", "integer", (c) => c.notNull())
      .addColumn("invited_by", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("idempotency_key", "text")
      .addColumn("accepted_by", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("accepted_at", ts)
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .addUniqueConstraint("invitations_token_hash_key", ["token_hash"])
      .addCheckConstraint(
        "invitations_status_check",
        sql`status in ('pending', 'accepted', 'expired', 'revoked')`,
      )
      .addCheckConstraint("invitations_role_check", sql`role in ('viewer', 'member', 'admin')`)
      .execute();
    // One pending invitation per org and email, enforced by the database so that two admins
    // inviting the same person at once cannot both succeed.
    await db.schema
      .createIndex("invitations_pending_email_key")
      .on("invitations")
      .columns(["org_id", "email"])
      .unique()
      .where(sql.ref("status"), "=", "pending")
      .execute();
    await db.schema
      .createIndex("invitations_idempotency_key")
      .on("invitations")
      .columns(["org_id", "invited_by", "idempotency_key"])
      .unique()
      .where(sql.ref("idempotency_key"), "is not", null)
      .execute();
    await db.schema
      .createIndex("invitations_org_status_idx")
      .on("invitations")
      .columns(["org_id", "status", "id"])
      .execute();
    // Seat counts (pending and not yet expired) read this index alone.
    await db.schema
      .createIndex("invitations_org_status_expiry_idx")
      .on("invitations")
      .columns(["org_id", "status", "expires_at"])
      .execute();
    await db.schema
      .createIndex("invitations_org_id_idx")
      .on("invitations")
      .columns(["org_id", "id"])
      .execute();

    await db.schema
      .createTable("sessions")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("created_at", ts, (c) => c.notNull())
      .addColumn("last_seen_at", ts, (c) => c.notNull())
      .addColumn("expires_at", ts, (c) => c.notNull())
      .addColumn("user_agent", "text")
      .execute();
    await db.schema.createIndex("sessions_user_idx").on("sessions").column("user_id").execute();
    await db.schema.createIndex("sessions_expires_idx").on("sessions").column("expires_at").execute();

    // No foreign keys: the trail outlives the users and teams it speaks of.
    await db.schema
      .createTable("audit_events")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("org_id", "text")
      .addColumn("actor_user_id", "text")
      .addColumn("source", "text", (c) => c.notNull())
      .addColumn("action", "text", (c) => c.notNull())
      .addColumn("target_type", "text", (c) => c.notNull())
      .addColumn("target_id", "text", (c) => c.notNull())
      .addColumn("before", "text")
      .addColumn("after", "text")
      .addColumn("created_at", ts, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("audit_events_target_idx")
      .on("audit_events")
      .columns(["org_id", "target_type", "target_id", "id"])
      .execute();
    await db.schema
      .createIndex("audit_events_org_idx")
      .on("audit_events")
      .columns(["org_id", "id"])
      .execute();

    // Fixed-window counters for the rate limits of unauthenticated routes, shared by every instance.
    await db.schema
      .createTable("rate_limit_counters")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("window_start_ms", "bigint", (c) => c.notNull())
      .addColumn("hits", "integer", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("rate_limit_counters_window_idx")
      .on("rate_limit_counters")
      .column("window_start_ms")
      .execute();

    await db.schema
      .createTable("instance_settings")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("value", "text", (c) => c.notNull())
      .addColumn("updated_at", ts, (c) => c.notNull())
      .execute();
  },
};
