import { AppError } from "../errors.js";
import { ORG_ROLES, type OrgRole } from "../roles.js";

/**
 * Verified domains (issue 5): which email domains an org has proven it owns, and what happens to
 * people who sign in with a verified email there (nothing, join at once, or ask an admin).
 *
 * Pure rules: the service converts internationalized names with `node:url` `domainToASCII` and looks
 * up the public suffix list (`tldts`) before calling these.
 */

export const DOMAIN_MODES = ["off", "auto", "approval"] as const;
export type DomainMode = (typeof DOMAIN_MODES)[number];

/** The DNS name an admin publishes the verification TXT record at. */
export function verificationRecordName(domain: string): string {
  return `_gatehouse.${domain}`;
}

/** The TXT record's exact value. */
export function verificationRecordValue(token: string): string {
  return `gatehouse-verification=${token}`;
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Trims, lower-cases and strips one trailing dot. Refuses anything that is not a bare host name:
 * schemes, paths, ports, `@` (an email address), wildcards, IP addresses, single labels.
 * Expects ASCII (punycode) input: the service converts IDNs first.
 */
export function normalizeDomain(raw: string): string {
  let domain = raw.trim().toLowerCase();
  if (domain.endsWith(".")) domain = domain.slice(0, -1);
  const refuse = (why: string): never => {
    throw new AppError("DOMAIN_INVALID", {
      message: `"${raw.trim()}" is not a domain name: ${why}. Enter just the domain, like example.com.`,
      details: { domain: raw.trim() },
    });
  };
  if (domain === "") refuse("it is empty");
  if (domain.includes("://")) refuse("remove the scheme (https://)");
  if (domain.includes("@")) refuse("enter the part after the @, not an email address");
  if (domain.includes("*")) refuse("wildcards are not allowed (turn on subdomains instead)");
  if (domain.includes("/")) refuse("remove the path");
  if (domain.includes(":")) refuse("remove the port");
  if (/\s/.test(domain)) refuse("it contains spaces");
  if (domain.length > 253) refuse("it is longer than 253 characters");
  const labels = domain.split(".");
  if (labels.length < 2) refuse("it needs at least two labels");
  if (!labels.every((label) => LABEL.test(label))) {
    refuse("use only letters, digits and hyphens between the dots");
  }
  if (/^[0-9.]+$/.test(domain)) refuse("IP addresses are not domains");
  return domain;
}

/**
 * Consumer mail providers: anyone can get an address there, so owning the domain says nothing about
 * working for an org. Exact domains, plus providers refused under every public suffix (gmx.*, yahoo.*).
 */
export const CONSUMER_DOMAINS: readonly string[] = [
  "gmail.com",
  "googlemail.com",
  "outlook.com",
  "hotmail.com",
  "live.com",
  "msn.com",
  "passport.com",
  "yahoo.com",
  "ymail.com",
  "rocketmail.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "aol.com",
  "aim.com",
  "proton.me",
  "protonmail.com",
  "protonmail.ch",
  "pm.me",
  "tutanota.com",
  "tuta.io",
  "fastmail.com",
  "hey.com",
  "web.de",
  "t-online.de",
  "freenet.de",
  "mail.com",
  "email.com",
  "zoho.com",
  "zohomail.com",
  "qq.com",
  "163.com",
  "126.com",
  "yeah.net",
  "sina.com",
  "naver.com",
  "daum.net",
  "mail.ru",
  "inbox.ru",
  "list.ru",
  "bk.ru",
  "rambler.ru",
  "orange.fr",
  "wanadoo.fr",
  "free.fr",
  "laposte.net",
  "libero.it",
  "virgilio.it",
  "seznam.cz",
  "wp.pl",
  "o2.pl",
  "interia.pl",
  "btinternet.com",
  "sky.com",
  "comcast.net",
  "verizon.net",
  "att.net",
  "sbcglobal.net",
  "rediffmail.com",
];

/** Providers whose every country domain is consumer mail (yahoo.co.uk, gmx.de, hotmail.fr, yandex.ru). */
export const CONSUMER_PROVIDERS: readonly string[] = [
  "gmail",
  "googlemail",
  "yahoo",
  "hotmail",
  "outlook",
  "live",
  "windowslive",
  "gmx",
  "yandex",
  "icloud",
  "aol",
];

export type SuffixInfo = {
  /** The registrable domain (`tldts` `getDomain(domain, { allowPrivateDomains: true })`); null for a public suffix. */
  registrable: string | null;
  /** Its public suffix (`getPublicSuffix(domain, { allowPrivateDomains: true })`). */
  publicSuffix: string | null;
};

/** True when the domain (or the registrable domain it sits under) is a consumer mail provider. */
export function isConsumerDomain(domain: string, suffix: SuffixInfo): boolean {
  const registrable = suffix.registrable ?? domain;
  if (CONSUMER_DOMAINS.includes(registrable) || CONSUMER_DOMAINS.includes(domain)) return true;
  if (suffix.publicSuffix && registrable.endsWith(`.${suffix.publicSuffix}`)) {
    const provider = registrable.slice(0, -(suffix.publicSuffix.length + 1));
    if (CONSUMER_PROVIDERS.includes(provider)) return true;
  }
  return false;
}

/** Refuses public suffixes (co.uk, github.io) and consumer mail domains. */
export function assertClaimable(domain: string, suffix: SuffixInfo): void {
  if (suffix.registrable === null || suffix.publicSuffix === domain) {
    throw new AppError("DOMAIN_INVALID", {
      message: `${domain} is a public suffix: anyone can register names under it, so nobody can own it. Claim your own domain under it (like example.${domain}).`,
      details: { domain, reason: "public_suffix" },
    });
  }
  if (isConsumerDomain(domain, suffix)) {
    throw new AppError("DOMAIN_CONSUMER", { details: { domain } });
  }
}

/** The domain part of an email address: lower-cased, trailing dot removed; null when there is none. */
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf("@");
  if (at <= 0 || at === email.length - 1) return null;
  let host = email
    .slice(at + 1)
    .trim()
    .toLowerCase();
  if (host.endsWith(".")) host = host.slice(0, -1);
  return host === "" ? null : host;
}

/**
 * Does the email belong to the domain? The exact domain always; a subdomain (eng.example.com) only when
 * allowed, and always on a label boundary: attacker-example.com, notexample.com and
 * example.com.evil.io never match example.com.
 */
export function emailMatchesDomain(
  email: string,
  rule: { domain: string; includeSubdomains: boolean },
): boolean {
  const host = emailDomain(email);
  if (host === null) return false;
  const domain = rule.domain.toLowerCase();
  if (host === domain) return true;
  return rule.includeSubdomains && host.endsWith(`.${domain}`);
}

/** Department names are matched trimmed and case-insensitively. */
export function departmentKey(department: string): string {
  return department.trim().toLowerCase();
}

export type DomainSettings = {
  mode: DomainMode;
  defaultRole: OrgRole;
  /** Department key -> role. */
  departments: Record<string, OrgRole>;
  includeSubdomains: boolean;
  requireSso: boolean;
};

export type DomainConfigInput = {
  domain: string;
} & Partial<DomainSettings>;

const isRole = (value: unknown): value is OrgRole =>
  typeof value === "string" && (ORG_ROLES as readonly string[]).includes(value);

function invalid(field: string, message: string): never {
  throw new AppError("VALIDATION_FAILED", { message, details: { field } });
}

/**
 * Reads a domain configuration: the mixus seed's JSON as written (`domain`, `auto_invite`,
 * `default_role`, `require_admin_approval`, `departments`) or Gatehouse's camelCase
 * (`mode`, `defaultRole`, `departments`, `includeSubdomains`, `requireSso`).
 * `auto_invite: false` -> off; `auto_invite: true` -> auto, or approval with `require_admin_approval: true`.
 * Fields left out keep `current` (or the defaults: off, member, no departments, no subdomains, no SSO).
 */
export function parseDomainConfig(
  input: unknown,
  current?: DomainSettings,
): { domain: string | undefined; settings: DomainSettings } {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    invalid("body", "Send the domain configuration as a JSON object.");
  }
  const body = input as Record<string, unknown>;
  const known = new Set([
    "domain",
    "auto_invite",
    "autoInvite",
    "default_role",
    "defaultRole",
    "require_admin_approval",
    "requireAdminApproval",
    "departments",
    "mode",
    "include_subdomains",
    "includeSubdomains",
    "require_sso",
    "requireSso",
  ]);
  for (const key of Object.keys(body)) {
    if (!known.has(key))
      invalid(key, `Unknown field "${key}". Remove it (see the domain configuration fields).`);
  }
  const pick = (a: string, b: string): unknown => (body[a] !== undefined ? body[a] : body[b]);
  const bool = (a: string, b: string): boolean | undefined => {
    const value = pick(a, b);
    if (value === undefined) return undefined;
    if (typeof value !== "boolean") invalid(a, `"${a}" must be true or false.`);
    return value;
  };

  let domain: string | undefined;
  if (body.domain !== undefined) {
    if (typeof body.domain !== "string") invalid("domain", '"domain" must be a string like "example.com".');
    domain = body.domain;
  }

  const base: DomainSettings = current ?? {
    mode: "off",
    defaultRole: "member",
    departments: {},
    includeSubdomains: false,
    requireSso: false,
  };

  const autoInvite = bool("auto_invite", "autoInvite");
  const approval = bool("require_admin_approval", "requireAdminApproval");
  let mode = base.mode;
  if (body.mode !== undefined) {
    if (!(DOMAIN_MODES as readonly unknown[]).includes(body.mode)) {
      invalid("mode", '"mode" must be "off", "auto" or "approval".');
    }
    mode = body.mode as DomainMode;
    const implied =
      autoInvite === undefined ? undefined : !autoInvite ? "off" : approval ? "approval" : "auto";
    if (implied !== undefined && implied !== mode) {
      invalid(
        "mode",
        `"mode": "${mode}" contradicts "auto_invite"/"require_admin_approval". Send one or the other.`,
      );
    }
  } else if (autoInvite !== undefined) {
    mode = !autoInvite ? "off" : approval ? "approval" : "auto";
  } else if (approval !== undefined && mode !== "off") {
    mode = approval ? "approval" : "auto";
  }

  let defaultRole = base.defaultRole;
  const roleValue = pick("default_role", "defaultRole");
  if (roleValue !== undefined) {
    if (!isRole(roleValue)) invalid("default_role", '"default_role" must be "viewer", "member" or "admin".');
    defaultRole = roleValue;
  }

  let departments = base.departments;
  if (body.departments !== undefined) {
    const value = body.departments;
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      invalid(
        "departments",
        '"departments" must be an object of department name -> role, like {"engineering": "member"}.',
      );
    }
    departments = {};
    for (const [name, role] of Object.entries(value as Record<string, unknown>)) {
      const key = departmentKey(name);
      if (key === "" || key.length > 100)
        invalid("departments", "Department names must be 1 to 100 characters.");
      if (!isRole(role)) {
        invalid("departments", `The role of department "${name}" must be "viewer", "member" or "admin".`);
      }
      if (departments[key] !== undefined && departments[key] !== role) {
        invalid("departments", `Department "${name}" is listed twice with different roles.`);
      }
      departments[key] = role;
    }
    if (Object.keys(departments).length > 200) invalid("departments", "At most 200 departments.");
  }

  return {
    domain,
    settings: {
      mode,
      defaultRole,
      departments,
      includeSubdomains: bool("include_subdomains", "includeSubdomains") ?? base.includeSubdomains,
      requireSso: bool("require_sso", "requireSso") ?? base.requireSso,
    },
  };
}

/** The role a person joining through the domain gets: their department's, else the default. */
export function joinRole(
  settings: Pick<DomainSettings, "defaultRole" | "departments">,
  department?: string | null,
): OrgRole {
  if (department) {
    const role = settings.departments[departmentKey(department)];
    if (role) return role;
  }
  return settings.defaultRole;
}

/** Joins TXT chunks (a record over 255 bytes arrives split) and strips surrounding quotes and spaces. */
export function txtValues(records: readonly (readonly string[])[]): string[] {
  return records.map((chunks) =>
    chunks
      .join("")
      .trim()
      .replace(/^"(.*)"$/, "$1"),
  );
}

/** Compares in time that depends only on the lengths, not on where the strings differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return diff === 0;
}

/** Is the expected verification value among the TXT records found? */
export function hasVerificationRecord(records: readonly (readonly string[])[], token: string): boolean {
  const expected = verificationRecordValue(token);
  let found = false;
  for (const value of txtValues(records)) if (constantTimeEqual(value, expected)) found = true;
  return found;
}
