import { ACTION_INDEX } from "./catalog.js";
import { CHECK_IDS } from "./check-ids.js";
import { type Decision, keep } from "./decision.js";
import type { CheckInput, ResourceRef } from "./evaluate.js";
import { emptyMemo, type Policy } from "./policy.js";
import type { MemoRow } from "./policy-types.js";

// Decisions kept per compiled policy. A policy never changes, so a decision made against it stays
// right for as long as the policy is in use; only time can end it (see `resetMemo` and `untilMs`).

/**
 * A full memo that no longer answers (a stream of checks that never repeat) only costs lookups, so it
 * is then looked up for 1 check in 64, just enough to notice when repeats come back.
 */
const SAMPLE_EVERY = 64;
const WINDOW = 4096;

export function shouldLookUp(memo: Policy["memo"]): boolean {
  if (memo.size < MEMO_LIMIT || !memo.bypass) return true;
  memo.skipped += 1;
  return memo.skipped % SAMPLE_EVERY === 0;
}

export function noteLookup(memo: Policy["memo"], hit: boolean): void {
  memo.looked += 1;
  if (hit) memo.hits += 1;
  if (memo.looked >= (memo.bypass ? WINDOW / SAMPLE_EVERY : WINDOW)) {
    memo.bypass = memo.hits * 20 < memo.looked;
    memo.looked = 0;
    memo.hits = 0;
  }
}

export function resetMemo(policy: Policy, nowMs: number): void {
  let next = Number.POSITIVE_INFINITY;
  for (const project of policy.projects.values()) {
    if (project.startsAtMs > nowMs && project.startsAtMs < next) next = project.startsAtMs;
  }
  const memo = emptyMemo();
  memo.fromMs = nowMs;
  memo.validUntilMs = next;
  policy.memo = memo;
}

/** Decisions kept per policy: enough for every hot (subject, action, resource) of a busy org. */
export const MEMO_LIMIT = 250_000;

/**
 * Where a check's decision is kept: the action's index (see ACTION_INDEX), or -1 when it is not kept.
 * A policy never changes, so a decision made against it stays right for as long as the policy is in
 * use; only time can end it, and decisions that time can end carry `expiresAt`. Checks with a context
 * (sizes, data scopes) or with attributes (the AI product's own conversations and files) are decided
 * afresh every time, as are checks naming a resource of another type than the action's (an error) or
 * an org resource by id.
 */
export function memoSlot(input: CheckInput): number {
  const r = input.resource;
  if (input.context !== undefined || r.attributes !== undefined) return -1;
  const action = ACTION_INDEX.get(input.action);
  if (action === undefined || action.resource !== r.type) return -1;
  return (r.type === "org" ? r.id === undefined : r.id !== undefined || r.key !== undefined)
    ? action.index
    : -1;
}

/**
 * A kept decision's row. A class, so that every row has one shape and a lookup reads it at fixed
 * offsets. Until a decision can end by itself, `untilMs` is not read.
 */
class Row implements MemoRow {
  readonly expires: boolean;
  next: MemoRow | undefined = undefined;
  constructor(
    readonly tag: number,
    readonly decision: Decision,
    readonly untilMs: number,
  ) {
    this.expires = untilMs !== Number.POSITIVE_INFINITY;
  }
}

// A hit is on the path of every repeated check, so it touches as few places in memory as it can: the
// subject's map, the resource's first row (and the rows after it, for other actions asked of the same
// resource), and the decision. A resource named by key is kept under the key, in the same map as the
// ids; the row's tag tells the two apart (a key could look like an id).

/** What a row answers: the action's slot, and whether the resource was named by its key. */
const tagOf = (r: ResourceRef, slot: number) =>
  r.id === undefined && r.key !== undefined ? slot * 2 + 1 : slot * 2;
const resourceKeyOf = (r: ResourceRef) => r.id ?? r.key ?? "";
/** The id table's tag: the row's tag, and whether the subject is a team. */
const idTagOf = (input: CheckInput, slot: number) =>
  tagOf(input.resource, slot) * 2 + (input.subject.type === "team" ? 1 : 0);

export function memoGet(
  policy: Policy,
  input: CheckInput,
  slot: number,
  nowMs: number,
): Decision | undefined {
  const ids = input[CHECK_IDS];
  if (ids !== undefined) return policy.memo.byIds.get(ids, idTagOf(input, slot), nowMs);
  const bySubject = input.subject.type === "user" ? policy.memo.users : policy.memo.teams;
  const rows = bySubject.get(input.subject.id);
  if (rows === undefined) return undefined;
  const tag = tagOf(input.resource, slot);
  for (let row = rows.get(resourceKeyOf(input.resource)); row !== undefined; row = row.next) {
    if (row.tag === tag) return !row.expires || nowMs < row.untilMs ? row.decision : undefined;
  }
  return undefined;
}

/**
 * `text` as a string of its own. The decision routes read ids as views into the request body
 * (src/http/check-body.ts; V8 keeps a substring of 13 characters or more as a slice of its parent), and
 * the memo outlives the request: a key kept as it came would keep the whole body alive with it.
 */
const ownCopy = (text: string) => (text.length < 13 ? text : ` ${text}`.slice(1));

/**
 * Keeps a decision. `resourceName`: the resource's id or key as the policy holds it, kept as the key
 * (when it is the check's text) instead of a copy of the check's; a subject's key is copied once.
 */
export function memoPut(
  policy: Policy,
  input: CheckInput,
  slot: number,
  decision: Decision,
  resourceName?: string,
): void {
  const untilMs =
    decision.expiresAt === undefined ? Number.POSITIVE_INFINITY : Date.parse(decision.expiresAt);
  const ids = input[CHECK_IDS];
  if (ids !== undefined) {
    if (policy.memo.byIds.put(ids, idTagOf(input, slot), keep(decision), untilMs)) policy.memo.size += 1;
    return;
  }
  const bySubject = input.subject.type === "user" ? policy.memo.users : policy.memo.teams;
  let rows = bySubject.get(input.subject.id);
  if (rows === undefined) {
    rows = new Map();
    bySubject.set(ownCopy(input.subject.id), rows);
  }
  const tag = tagOf(input.resource, slot);
  const key = resourceKeyOf(input.resource);
  const row = new Row(tag, keep(decision), untilMs);
  // A decision asked again once its own ended replaces it; otherwise the new action goes first.
  let before: MemoRow | undefined;
  for (let old = rows.get(key); old !== undefined; before = old, old = old.next) {
    if (old.tag !== tag) continue;
    row.next = old.next;
    if (before === undefined) rows.set(key, row);
    else before.next = row;
    return;
  }
  row.next = rows.get(key);
  rows.set(row.next !== undefined ? key : resourceName === key ? resourceName : ownCopy(key), row);
  policy.memo.size += 1;
}
