import type { Transaction } from "kysely";
import { beginCommitHooks, dropCommitHooks, runBeforeCommitHooks, runCommitHooks } from "./access-changes.js";
import type { Db } from "./client.js";
import { translateDbError } from "./errors.js";
import type { DB } from "./schema.js";

export type Trx = Transaction<DB>;

/**
 * Runs `work` in one transaction; constraint violations surface as error codes. Access changes made
 * inside are announced after the commit, never before (a rolled-back change is never announced).
 */
export async function inTransaction<T>(db: Db, work: (trx: Trx) => Promise<T>): Promise<T> {
  let transaction: Trx | undefined;
  try {
    const result = await db.transaction().execute(async (trx) => {
      transaction = trx;
      beginCommitHooks(trx, db);
      const value = await work(trx);
      await runBeforeCommitHooks(trx);
      return value;
    });
    if (transaction) runCommitHooks(transaction);
    return result;
  } catch (error) {
    if (transaction) dropCommitHooks(transaction);
    throw translateDbError(error);
  }
}
