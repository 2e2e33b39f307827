import { hash } from "node:crypto";
import { auditEntryBytes, HASHED_FIELDS, hashedValue } from "./audit-entry-bytes.js";

/**
 * The hash chain over the audit trail. Each org has its own chain (chain id = org id); events outside
 * any org share the global chain. Entry n's hash is SHA-256 over the canonical JSON of its fields and
 * entry n-1's hash, so editing, removing or reordering any entry breaks every hash after it.
 */
export const GLOBAL_AUDIT_CHAIN = "global";
export const GENESIS_HASH = "0".repeat(64);

export function auditChainId(orgId: string | null): string {
  return orgId ?? GLOBAL_AUDIT_CHAIN;
}

/** The fields an entry's hash covers (before/after as their stored JSON text). */
export type ChainedFields = {
  id: string;
  chain_id: string;
  seq: number;
  org_id: string | null;
  actor_user_id: string | null;
  actor_api_key_id: string | null;
  source: string;
  action: string;
  target_type: string;
  target_id: string;
  before: string | null;
  after: string | null;
  created_at: string;
};

/**
 * SHA-256 over the entry's canonical JSON (`auditEntryBody`), one-shot over bytes written into a
 * reused buffer: no Hash object nor intermediate strings per entry (an import hashes one entry per
 * invitation).
 */
export function auditEntryHash(entry: ChainedFields, prevHash: string): string {
  return hash("sha256", auditEntryBytes(entry, prevHash) ?? auditEntryBody(entry, prevHash), "hex");
}

/**
 * The canonical JSON of an entry's fields and the previous hash: what `canonicalJson` makes of them,
 * written out in its key order directly. A field left undefined is omitted, as canonicalJson does.
 */
export function auditEntryBody(entry: ChainedFields, prevHash: string): string {
  const seq = Number(entry.seq);
  if (!Number.isFinite(seq)) throw new Error("canonicalJson: numbers must be finite");
  let body = "{";
  for (const key of HASHED_FIELDS) {
    const value = key === "seq" ? seq : hashedValue(entry, prevHash, key);
    if (value === undefined) continue;
    body += `${body === "{" ? "" : ","}"${key}":${JSON.stringify(value)}`;
  }
  return `${body}}`;
}

export type StoredChainEntry = ChainedFields & { prev_hash: string; hash: string };
export type ChainHead = { seq: number; hash: string } | null;

export type ChainProblem = {
  chainId: string;
  /** Where the chain first goes wrong: the sequence number expected there. */
  seq: number;
  entryId: string | null;
  kind: "edited" | "removed" | "reordered" | "head_mismatch";
  message: string;
};

/**
 * Walks one chain, entries in `seq` order, and returns the first problem or null. A missing sequence
 * number is a removed entry; an entry whose `prev_hash` is not its predecessor's hash was moved
 * (reordered) or follows a removed one; an entry whose own hash does not match its fields was edited.
 * The head row records the last seq and hash, so removing the newest entries is caught too.
 */
export function verifyAuditChain(
  chainId: string,
  entries: Iterable<StoredChainEntry>,
  head: ChainHead,
): ChainProblem | null {
  const verifier = createAuditChainVerifier(chainId);
  for (const entry of entries) {
    const problem = verifier.push(entry);
    if (problem) return problem;
  }
  return verifier.finish(head);
}

/** The same walk, one entry at a time (a long chain is read in pages). */
export function createAuditChainVerifier(chainId: string) {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  return {
    push(entry: StoredChainEntry): ChainProblem | null {
      const seq = Number(entry.seq);
      if (seq !== expectedSeq) {
        return {
          chainId,
          seq: expectedSeq,
          entryId: entry.id,
          kind: seq > expectedSeq ? "removed" : "reordered",
          message:
            seq > expectedSeq
              ? `entry #${expectedSeq} is missing (removed): the chain jumps from #${expectedSeq - 1} to #${seq} (${entry.id})`
              : `entry ${entry.id} repeats sequence #${seq} (expected #${expectedSeq})`,
        };
      }
      if (entry.prev_hash !== prevHash) {
        return {
          chainId,
          seq,
          entryId: entry.id,
          kind: "reordered",
          message: `entry #${seq} (${entry.id}) does not follow entry #${seq - 1}: its previous hash does not match (entries reordered or replaced)`,
        };
      }
      if (auditEntryHash(entry, prevHash) !== entry.hash) {
        return {
          chainId,
          seq,
          entryId: entry.id,
          kind: "edited",
          message: `entry #${seq} (${entry.id}, ${entry.action}) was edited: its fields no longer match its hash`,
        };
      }
      prevHash = entry.hash;
      expectedSeq += 1;
      return null;
    },
    finish(head: ChainHead): ChainProblem | null {
      const lastSeq = expectedSeq - 1;
      const headSeq = head ? Number(head.seq) : 0;
      const headHash = head ? head.hash : GENESIS_HASH;
      if (headSeq === lastSeq && headHash === prevHash) return null;
      return {
        chainId,
        seq: lastSeq + 1,
        entryId: null,
        kind: headSeq > lastSeq ? "removed" : "head_mismatch",
        message:
          headSeq > lastSeq
            ? `entries #${lastSeq + 1}..#${headSeq} are missing (removed from the end of the chain)`
            : `the chain head (#${headSeq}) does not match the last entry (#${lastSeq})`,
      };
    },
  };
}
