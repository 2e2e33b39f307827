import type { Db, Executor } from "./client.js";

/**
 * Access changes, announced after their transaction commits. Each database handle (one per app
 * instance) has its own listeners, so two instances in one process learn of each other's changes only
 * the way separate processes do: through the database (LISTEN/NOTIFY on PostgreSQL).
 */
export type AccessChangeListener = (orgId: string, version: number) => void;

const listeners = new WeakMap<object, Set<AccessChangeListener>>();
const pending = new WeakMap<
  object,
  { db: Db; hooks: (() => void)[]; before: Map<string, () => Promise<void>> }
>();

export function onAccessChange(db: Db, listener: AccessChangeListener): () => void {
  const set = listeners.get(db) ?? new Set<AccessChangeListener>();
  listeners.set(db, set);
  set.add(listener);
  return () => set.delete(listener);
}

export function announceAccessChange(db: Db, orgId: string, version: number): void {
  for (const listener of listeners.get(db) ?? []) listener(orgId, version);
}

/** Called by `inTransaction` around its work: hooks registered on `trx` run once it commits. */
export function beginCommitHooks(trx: Executor, db: Db): void {
  pending.set(trx, { db, hooks: [], before: new Map() });
}

/**
 * Registers `hook` (once per `key`) to run at the very end of `trx`'s work, inside the transaction,
 * just before it commits: what takes short, contended locks (the audit chain head) does it there.
 * Returns false when `trx` is not a transaction opened by `inTransaction` (the caller does the work now).
 */
export function beforeCommit(trx: Executor, key: string, hook: () => Promise<void>): boolean {
  const entry = pending.get(trx);
  if (!entry) return false;
  if (!entry.before.has(key)) entry.before.set(key, hook);
  return true;
}

/** Called by `inTransaction` after its work, still inside the transaction. */
export async function runBeforeCommitHooks(trx: Executor): Promise<void> {
  const entry = pending.get(trx);
  if (!entry) return;
  while (entry.before.size > 0) {
    const [key, hook] = entry.before.entries().next().value as [string, () => Promise<void>];
    entry.before.delete(key);
    await hook();
  }
}

export function runCommitHooks(trx: Executor): void {
  const entry = pending.get(trx);
  pending.delete(trx);
  for (const hook of entry?.hooks ?? []) hook();
}

export function dropCommitHooks(trx: Executor): void {
  pending.delete(trx);
}

/**
 * Runs `hook` with the database handle once `executor`'s transaction commits; at once when `executor`
 * is the database itself.
 */
export function afterCommit(executor: Executor, hook: (db: Db) => void): void {
  const entry = pending.get(executor);
  if (entry) entry.hooks.push(() => hook(entry.db));
  else hook(executor as Db);
}

/**
 * Announces an access change once `executor`'s transaction commits; at once when `executor` is the
 * database itself (an autocommitted statement).
 */
export function afterCommitAnnounce(executor: Executor, orgId: string, version: number): void {
  const entry = pending.get(executor);
  if (entry) entry.hooks.push(() => announceAccessChange(entry.db, orgId, version));
  else announceAccessChange(executor as Db, orgId, version);
}
