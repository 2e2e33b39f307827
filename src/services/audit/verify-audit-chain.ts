import type { Executor } from "../../db/client.js";
import { getAuditChainHead, listAuditChainIds, listAuditChainPage } from "../../db/queries/audit-events.js";
import { auditChainId, type ChainProblem, createAuditChainVerifier } from "../../lib/audit-chain.js";

export type ChainReport = { chainId: string; entries: number; problem: ChainProblem | null };

const PAGE = 1000;

/**
 * Walks the audit chains (one org's, or every chain) and reports, per chain, the number of entries
 * checked and the first edited, removed or reordered entry. Read-only; the chain is read in pages of
 * 1000, so a long trail never sits in memory whole.
 */
export async function verifyAuditChains(db: Executor, input: { orgId?: string }): Promise<ChainReport[]> {
  const chainIds = input.orgId ? [auditChainId(input.orgId)] : await listAuditChainIds(db);
  const reports: ChainReport[] = [];
  for (const chainId of chainIds) {
    const head = await getAuditChainHead(db, chainId);
    const verifier = createAuditChainVerifier(chainId);
    let entries = 0;
    let problem: ChainProblem | null = null;
    let after = 0;
    for (;;) {
      const rows = await listAuditChainPage(db, chainId, after, PAGE);
      for (const row of rows) {
        problem = verifier.push(row);
        if (problem) break;
        entries += 1;
      }
      if (problem || rows.length < PAGE) break;
      after = Number(rows[rows.length - 1]?.seq);
    }
    reports.push({ chainId, entries, problem: problem ?? verifier.finish(head) });
  }
  return reports;
}
