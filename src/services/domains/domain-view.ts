import { domainToASCII } from "node:url";
import { getDomain, getPublicSuffix } from "tldts";
import type { OrgDomainRow } from "../../db/schema.js";
import {
  type DomainSettings,
  normalizeDomain,
  type SuffixInfo,
  verificationRecordName,
  verificationRecordValue,
} from "../../domain/identity/domains.js";
import type { OrgRole } from "../../domain/roles.js";

export type DomainView = {
  id: string;
  domain: string;
  verified: boolean;
  verifiedAt: string | null;
  mode: DomainSettings["mode"];
  defaultRole: OrgRole;
  departments: Record<string, OrgRole>;
  includeSubdomains: boolean;
  requireSso: boolean;
  /** The TXT record to publish: type TXT, at `name`, with exactly `value`. */
  verificationRecord: { type: "TXT"; name: string; value: string };
  createdAt: string;
  updatedAt: string;
};

export function settingsOf(row: OrgDomainRow): DomainSettings {
  return {
    mode: row.mode,
    defaultRole: row.default_role,
    departments: JSON.parse(row.departments) as Record<string, OrgRole>,
    includeSubdomains: row.include_subdomains === 1,
    requireSso: row.require_sso === 1,
  };
}

export function domainView(row: OrgDomainRow): DomainView {
  return {
    id: row.id,
    domain: row.domain,
    verified: row.verified_at !== null,
    verifiedAt: row.verified_at,
    ...settingsOf(row),
    verificationRecord: {
      type: "TXT",
      name: verificationRecordName(row.domain),
      value: verificationRecordValue(row.verification_token),
    },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** IDN to ASCII (punycode), then the pure normalization; "bücher.example" -> "xn--bcher-kva.example". */
export function toAsciiDomain(raw: string): string {
  const trimmed = raw.trim();
  // Let normalizeDomain explain what is wrong with things that are not host names at all.
  if (/[/:@*\s]/.test(trimmed) || trimmed === "") return normalizeDomain(trimmed);
  const ascii = domainToASCII(trimmed.replace(/\.$/, ""));
  return normalizeDomain(ascii === "" ? trimmed : ascii);
}

export function suffixInfo(domain: string): SuffixInfo {
  return {
    registrable: getDomain(domain, { allowPrivateDomains: true }),
    publicSuffix: getPublicSuffix(domain, { allowPrivateDomains: true }),
  };
}
