import { ACTION_INDEX } from "./catalog.js";
import { type Decision, keep } from "./decision.js";
import type { CheckInput, ResourceRef } from "./evaluate.js";
import { emptyMemo, type MemoEntry, type Policy } from "./policy.js";
import type { SubjectMemo } from "./policy-types.js";

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

/** A subject's decisions on a resource: by id, or by key when the check names only a key. */
const resourcesOf = (subject: SubjectMemo, r: ResourceRef) =>
  r.id !== undefined || r.key === undefined ? subject.byId : subject.byKey;
const resourceKeyOf = (r: ResourceRef) => (r.id !== undefined || r.key === undefined ? (r.id ?? "") : r.key);

/** Where the action `slot` sits among a resource's (action, entry) pairs, or -1. */
function pairOf(pairs: (number | MemoEntry)[], slot: number): number {
  for (let i = 0; i < pairs.length; i += 2) if (pairs[i] === slot) return i;
  return -1;
}

export function memoGet(policy: Policy, input: CheckInput, slot: number): MemoEntry | undefined {
  const bySubject = input.subject.type === "user" ? policy.memo.users : policy.memo.teams;
  const subject = bySubject.get(input.subject.id);
  if (subject === undefined) return undefined;
  const pairs = resourcesOf(subject, input.resource).get(resourceKeyOf(input.resource));
  if (pairs === undefined) return undefined;
  const at = pairOf(pairs, slot);
  return at < 0 ? undefined : (pairs[at + 1] as MemoEntry);
}

export function memoPut(policy: Policy, input: CheckInput, slot: number, decision: Decision): void {
  const bySubject = input.subject.type === "user" ? policy.memo.users : policy.memo.teams;
  let subject = bySubject.get(input.subject.id);
  if (subject === undefined) {
    subject = { byId: new Map(), byKey: new Map() };
    bySubject.set(input.subject.id, subject);
  }
  const entry: MemoEntry = {
    decision: keep(decision),
    untilMs: decision.expiresAt === undefined ? Number.POSITIVE_INFINITY : Date.parse(decision.expiresAt),
  };
  const resources = resourcesOf(subject, input.resource);
  const key = resourceKeyOf(input.resource);
  const pairs = resources.get(key);
  if (pairs === undefined) {
    resources.set(key, [slot, entry]);
  } else {
    const at = pairOf(pairs, slot);
    if (at >= 0) {
      pairs[at + 1] = entry;
      return;
    }
    pairs.push(slot, entry);
  }
  policy.memo.size += 1;
}
