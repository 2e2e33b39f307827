import type { Kysely } from "kysely";
import type { Migration } from "./index.js";

/**
 * Indexes for the Invitation Dashboard (issue 4). Each aggregate reads one index alone:
 * - sent per day: invitations by (org_id, created_at);
 * - accepted per day: invitations by (org_id, accepted_at);
 * - new members this month: memberships by (org_id, created_at);
 * - resent: audit_events by (org_id, action, target_id), counting distinct invitations;
 * - Recent Activity: audit_events by (org_id, target_type, id), newest invitation events first.
 * Counts by status already read `invitations_org_status_expiry_idx` (0001).
 * And for the members list (keyset by membership id within an org): memberships by (org_id, id), so a
 * page of 50 reads 50 index entries instead of sorting the org's 10,000 memberships.
 */
export const dashboard: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex("invitations_org_created_idx")
      .on("invitations")
      .columns(["org_id", "created_at"])
      .execute();
    await db.schema
      .createIndex("invitations_org_accepted_idx")
      .on("invitations")
      .columns(["org_id", "accepted_at"])
      .execute();
    await db.schema
      .createIndex("memberships_org_created_idx")
      .on("memberships")
      .columns(["org_id", "created_at"])
      .execute();
    await db.schema
      .createIndex("audit_events_org_action_target_idx")
      .on("audit_events")
      .columns(["org_id", "action", "target_id"])
      .execute();
    await db.schema
      .createIndex("audit_events_org_type_idx")
      .on("audit_events")
      .columns(["org_id", "target_type", "id"])
      .execute();
    await db.schema
      .createIndex("memberships_org_id_idx")
      .on("memberships")
      .columns(["org_id", "id"])
      .execute();
  },
};
