import type { CheckIds } from "./check-ids.js";
import type { Decision } from "./decision.js";

// Decisions kept for checks that carry their ids' words (check-ids.ts): an open-addressing table in one
// typed array. A hit reads one slot of 40 bytes (the key and where its decision is) and the decision;
// a hit by the ids' text reads a subject map's bucket, entry and key, the subject's resource map and
// its own bucket, entry and key, and a row, before the decision. It is the same memo's other half
// (decision-memo.ts): it is emptied with it, counts in its size, and keeps decisions on the same terms.

/** A slot: subject id (4 words), resource id or key (4), tag (action, key or id, user or team), row. */
const SLOT = 10;
const TAG = 8;
const ROW = 9;
/** 2.5 KB to start with: an instance may hold many orgs' policies, most of them small. */
const FIRST_SLOTS = 64;

export class IdMemo {
  /** Decisions kept, by row; `untilMs[row]` is when each ends (Infinity: only with the policy). */
  private readonly decisions: Decision[] = [];
  private readonly untilMs: number[] = [];
  private slots = new Int32Array(FIRST_SLOTS * SLOT);
  private mask = FIRST_SLOTS - 1;
  /** The hash's seed, drawn per table: which ids collide cannot be chosen from outside. */
  private readonly seed = (Math.random() * 0x100000000) | 0;

  get size(): number {
    return this.decisions.length;
  }

  /** Bytes the table holds outside the JS heap. */
  get tableBytes(): number {
    return this.slots.byteLength;
  }

  get(ids: CheckIds, tag: number, nowMs: number): Decision | undefined {
    const slots = this.slots;
    const { words, at } = ids;
    for (let s = this.hash(words, at, tag); ; s = (s + 1) & this.mask) {
      const o = s * SLOT;
      const row = slots[o + ROW] as number;
      if (row === 0) return undefined;
      if (this.sameKey(o, words, at, tag)) {
        const index = (row >>> 1) - 1;
        return (row & 1) === 0 || nowMs < (this.untilMs[index] as number) ? this.decisions[index] : undefined;
      }
    }
  }

  /**
   * Keeps a decision until `untilMs`. Returns whether it is a new one; a decision asked again once its
   * own ended replaces it in its row.
   */
  put(ids: CheckIds, tag: number, decision: Decision, untilMs: number): boolean {
    const { words, at } = ids;
    const expires = untilMs === Number.POSITIVE_INFINITY ? 0 : 1;
    for (let s = this.hash(words, at, tag); ; s = (s + 1) & this.mask) {
      const o = s * SLOT;
      const row = this.slots[o + ROW] as number;
      if (row === 0) {
        this.decisions.push(decision);
        this.untilMs.push(untilMs);
        this.slots.set(words.subarray(at, at + 8), o);
        this.slots[o + TAG] = tag;
        this.slots[o + ROW] = this.decisions.length * 2 + expires;
        if (this.decisions.length * 4 > (this.mask + 1) * 3) this.grow();
        return true;
      }
      if (this.sameKey(o, words, at, tag)) {
        const index = (row >>> 1) - 1;
        this.decisions[index] = decision;
        this.untilMs[index] = untilMs;
        this.slots[o + ROW] = (index + 1) * 2 + expires;
        return false;
      }
    }
  }

  /** Whether the slot at `o` holds this key (written out: it is on the path of every hit). */
  private sameKey(o: number, words: Int32Array, at: number, tag: number): boolean {
    const slots = this.slots;
    return (
      slots[o + TAG] === tag &&
      slots[o] === words[at] &&
      slots[o + 1] === words[at + 1] &&
      slots[o + 2] === words[at + 2] &&
      slots[o + 3] === words[at + 3] &&
      slots[o + 4] === words[at + 4] &&
      slots[o + 5] === words[at + 5] &&
      slots[o + 6] === words[at + 6] &&
      slots[o + 7] === words[at + 7]
    );
  }

  /**
   * Twice the slots, once three in four are taken. Probes then stay short, and they read slots side by
   * side: a full memo (250,000 decisions) takes 10 to 20 MiB of slots.
   */
  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = this.slots.length / SLOT - 1;
    for (let o = 0; o < old.length; o += SLOT) {
      if (old[o + ROW] === 0) continue;
      let s = this.hash(old, o, old[o + TAG] as number);
      while (this.slots[s * SLOT + ROW] !== 0) s = (s + 1) & this.mask;
      this.slots.set(old.subarray(o, o + SLOT), s * SLOT);
    }
  }

  /** A multiply-and-fold hash of all nine words: UUIDv7 ids made together share their first words. */
  private hash(words: Int32Array, at: number, tag: number): number {
    let h = this.seed ^ tag;
    for (let w = 0; w < 8; w++) {
      h = Math.imul(h ^ (words[at + w] as number), 0x9e3779b1);
      h ^= h >>> 15;
    }
    return (h ^ (h >>> 13)) & this.mask;
  }
}
