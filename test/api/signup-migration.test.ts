import { type Kysely, Migrator, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.js";
import { MIGRATIONS } from "../../src/db/migrations/index.js";
import { createTestDatabase } from "../harness/database.js";

/** Migrates to `last` (inclusive), the way `migrateToLatest` does. */
async function migrateTo(
  db: Kysely<unknown>,
  dialect: "sqlite" | "postgres",
  last: string,
  schema: string | null,
) {
  const migrator = new Migrator({
    db,
    ...(schema && { migrationTableSchema: schema }),
    provider: {
      async getMigrations() {
        return Object.fromEntries(
          Object.entries(MIGRATIONS)
            .filter(([name]) => name <= last)
            .map(([name, m]) => [name, { up: (d: Kysely<unknown>) => m.up(d, dialect) }]),
        );
      },
    },
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
}

describe("migration 0014-email-verifications", () => {
  it("keeps every queued and sent invitation email (SQLite rebuilds the table) and accepts the new kinds", async () => {
    const database = await createTestDatabase();
    const opened = openDatabase(database.config);
    const db = opened.db as unknown as Kysely<unknown>;
    const schema = database.config.kind === "postgres" ? (database.config.schema ?? null) : null;
    try {
      await migrateTo(db, opened.dialect, "0012-webhooks", schema);
      const now = new Date().toISOString();
      await sql`insert into orgs (id, name, plan, seat_limit, default_team_id, access_version, default_upload_limit_bytes, created_at, updated_at)
        values ('org-1', 'Acme', 'team', null, null, 1, null, ${now}, ${now})`.execute(db);
      await sql`insert into email_messages (id, org_id, invitation_id, kind, to_address, status, attempts, last_error, message_id, created_at, sent_at)
        values ('m-1', 'org-1', null, 'invitation', 'a@acme.example', 'sent', 1, null, '<id@x>', ${now}, ${now}),
               ('m-2', 'org-1', null, 'reminder', 'b@acme.example', 'queued', 2, '451 later', null, ${now}, null)`.execute(
        db,
      );

      await migrateTo(db, opened.dialect, "9999", schema);
      const rows = await opened.db
        .selectFrom("email_messages")
        .select(["id", "kind", "status", "attempts", "last_error", "message_id", "email_verification_id"])
        .orderBy("id")
        .execute();
      expect(rows).toEqual([
        {
          id: "m-1",
          kind: "invitation",
          status: "sent",
          attempts: 1,
          last_error: null,
          message_id: "<id@x>",
          email_verification_id: null,
        },
        {
          id: "m-2",
          kind: "reminder",
          status: "queued",
          attempts: 2,
          last_error: "451 later",
          message_id: null,
          email_verification_id: null,
        },
      ]);
      await sql`insert into email_messages (id, org_id, kind, to_address, status, attempts, created_at)
        values ('m-3', 'org-1', 'signup_existing', 'c@acme.example', 'queued', 0, ${now})`.execute(db);
      await expect(
        sql`insert into email_messages (id, org_id, kind, to_address, status, attempts, created_at)
          values ('m-4', 'org-1', 'bogus', 'c@acme.example', 'queued', 0, ${now})`.execute(db),
      ).rejects.toThrow(/check/i);
    } finally {
      await opened.close();
      await database.drop();
    }
  });
});
