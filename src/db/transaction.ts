import type { Transaction } from "kysely";
import type { Db } from "./client.js";
import { translateDbError } from "./errors.js";
import type { DB } from "./schema.js";

export type Trx = Transaction<DB>;

/** Runs `work` in one transaction; constraint violations surface as error codes. */
export async function inTransaction<T>(db: Db, work: (trx: Trx) => Promise<T>): Promise<T> {
  try {
    return await db.transaction().execute(work);
  } catch (error) {
    throw translateDbError(error);
  }
}
