import type { Kysely } from "kysely";
import type { Migration } from "./index.js";

/**
 * Issue 3, rebuilding an org's policy after an access change (`loadPolicyData`): its two largest reads,
 * the active members and their team memberships, found each row by an index on the org and then read
 * it from the table, one more B-tree search per row (some 26,000 of them in an org of 10,000 people).
 * With covering indexes their rows come from the index alone (the members' names still come from
 * users). Measured on SQLite (10,000 people, 16,464 team memberships): these indexes alone took the load
 * to about four fifths of its time; with the loader's compiled reads beside them, to two thirds.
 * - team memberships: (org_id, user_id) becomes (org_id, user_id, team_id, role), which also serves
 *   every lookup the old one did.
 * - memberships: (org_id, status, user_id, role, department), the columns the loader reads.
 */
export const policyLoadIndexes: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.dropIndex("team_memberships_org_user_idx").execute();
    await db.schema
      .createIndex("team_memberships_org_user_idx")
      .on("team_memberships")
      .columns(["org_id", "user_id", "team_id", "role"])
      .execute();
    await db.schema
      .createIndex("memberships_policy_idx")
      .on("memberships")
      .columns(["org_id", "status", "user_id", "role", "department"])
      .execute();
  },
};
