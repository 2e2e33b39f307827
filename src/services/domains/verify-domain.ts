import { findVerifiedDomain, updateOrgDomain } from "../../db/queries/org-domains.js";
import { inTransaction } from "../../db/transaction.js";
import { AppError } from "../../domain/errors.js";
import {
  hasVerificationRecord,
  txtValues,
  verificationRecordName,
  verificationRecordValue,
} from "../../domain/identity/domains.js";
import { nowIso, type ServiceContext } from "../context.js";
import { authorize } from "../shared/authorize.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { type DomainView, domainView } from "./domain-view.js";
import { requireDomain } from "./get-domain.js";

const NOT_FOUND_CODES = new Set(["ENOTFOUND", "ENODATA", "NXDOMAIN", "ENONAME"]);

/**
 * Looks up `_gatehouse.<domain>` TXT and verifies the domain when one record is exactly
 * `gatehouse-verification=<token>` (chunks joined, compared in constant time). The DNS lookup runs
 * outside the transaction; the write re-checks that no other org verified the domain meanwhile.
 */
export async function verifyDomain(
  ctx: ServiceContext,
  input: { orgId: string; domainId: string },
): Promise<DomainView> {
  await authorize(ctx, input.orgId, "sso:configure", { type: "org" });
  const row = await requireDomain(ctx.db, input.orgId, input.domainId);
  if (row.verified_at !== null) return domainView(row);
  const name = verificationRecordName(row.domain);
  const expected = verificationRecordValue(row.verification_token);

  let records: string[][];
  try {
    records = await ctx.dns.resolveTxt(name);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" && NOT_FOUND_CODES.has(code)) {
      throw new AppError("DOMAIN_NOT_VERIFIED", {
        message: `No TXT record was found at ${name}. Publish a TXT record there with the value ${expected}, wait a few minutes for DNS to update, then verify again.`,
        details: { recordName: name, expected, found: [] },
      });
    }
    throw new AppError("DOMAIN_NOT_VERIFIED", {
      message: `The DNS lookup of ${name} failed (${typeof code === "string" ? code : "error"}). Try again in a few minutes.`,
      details: { recordName: name, expected, found: [] },
      cause: error,
    });
  }
  if (!hasVerificationRecord(records, row.verification_token)) {
    const found = txtValues(records).slice(0, 10);
    throw new AppError("DOMAIN_NOT_VERIFIED", {
      message: `The TXT records at ${name} do not include ${expected}. Found: ${
        found.length === 0 ? "none" : found.map((v) => `"${v}"`).join(", ")
      }. Publish the exact value shown, then verify again.`,
      details: { recordName: name, expected, found },
    });
  }

  return inTransaction(ctx.db, async (trx) => {
    const current = await requireDomain(trx, input.orgId, input.domainId);
    if (current.verified_at !== null) return domainView(current);
    const owner = await findVerifiedDomain(trx, current.domain);
    if (owner) throw new AppError("DOMAIN_TAKEN", { details: { domain: current.domain } });
    const now = nowIso(ctx);
    await updateOrgDomain(trx, current.id, { verified_at: now, updated_at: now });
    await recordAuditEvent(trx, ctx, {
      orgId: input.orgId,
      action: "domain.verified",
      target: { type: "domain", id: current.id },
      after: { domain: current.domain, recordName: name },
    });
    return domainView({ ...current, verified_at: now, updated_at: now });
  });
}
