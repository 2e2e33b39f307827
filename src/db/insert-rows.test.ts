import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "../../test/harness/database.js";
import { openDatabase } from "./client.js";
import { columnsOf, insertRows } from "./insert-rows.js";
import type { ImportRowRow } from "./schema.js";

const COLUMNS = columnsOf<ImportRowRow>()([
  "import_id",
  "line",
  "email",
  "outcome",
  "reason",
  "invitation_id",
]);

describe("insertRows", () => {
  // On the test database: in-memory SQLite, or PostgreSQL ($n placeholders) with TEST_DATABASE_URL.
  it("writes every row in order, values as parameters only (517 rows: statements of 256, 256, 4, 1)", async () => {
    const testDatabase = await createTestDatabase();
    const database = openDatabase(testDatabase.config);
    const { db } = database;
    await sql`create table import_rows (import_id text, line integer, email text, outcome text, reason text, invitation_id text)`.execute(
      db,
    );
    const rows: ImportRowRow[] = Array.from({ length: 517 }, (_, i) => ({
      import_id: "imp",
      line: i + 2,
      // What would break a statement built by pasting values in: quotes, a comment, a semicolon.
      email: i === 7 ? `x'); drop table import_rows; --@example.com` : `p${i}@example.com`,
      outcome: "invited",
      reason: i % 2 === 0 ? null : `reason "${i}"`,
      invitation_id: null,
    }));
    await insertRows(db, "import_rows", COLUMNS, rows);
    await insertRows(db, "import_rows", COLUMNS, []);
    const stored = await db.selectFrom("import_rows").selectAll().orderBy("line").execute();
    expect(stored).toEqual(rows);
    await database.close();
    await testDatabase.drop();
  });
});
