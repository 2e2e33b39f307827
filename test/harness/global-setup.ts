import pg from "pg";

/** Says once, up front, which database the API tests run on, and fails fast if it is unreachable. */
export default async function globalSetup() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    console.warn(
      "[gatehouse tests] TEST_DATABASE_URL not set: API tests run on SQLite only (PostgreSQL skipped).",
    );
    return;
  }
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query("select 1");
  } catch (error) {
    throw new Error(`TEST_DATABASE_URL is set but PostgreSQL is not reachable at ${url}: ${String(error)}`);
  } finally {
    await client.end().catch(() => {});
  }
  console.warn(`[gatehouse tests] API tests run on PostgreSQL (${url}).`);
}
