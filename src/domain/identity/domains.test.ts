import { describe, expect, it } from "vitest";
import { isAppError } from "../errors.js";
import {
  assertClaimable,
  constantTimeEqual,
  emailMatchesDomain,
  hasVerificationRecord,
  isConsumerDomain,
  joinRole,
  normalizeDomain,
  parseDomainConfig,
} from "./domains.js";

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return isAppError(error) ? error.code : "other";
  }
  return "none";
};

describe("normalizeDomain", () => {
  it("trims, lower-cases and strips a trailing dot", () => {
    expect(normalizeDomain("  Example.COM. ")).toBe("example.com");
    expect(normalizeDomain("xn--bcher-kva.example")).toBe("xn--bcher-kva.example");
  });
  it.each([
    "https://example.com",
    "example.com/x",
    "example.com:8080",
    "ann@example.com",
    "*.example.com",
    "example",
    "",
    "exa mple.com",
    "-bad.com",
    "10.0.0.1",
    "a..com",
  ])("refuses %j", (raw) => {
    expect(code(() => normalizeDomain(raw))).toBe("DOMAIN_INVALID");
  });
});

describe("consumer domains and public suffixes", () => {
  const info = (registrable: string | null, publicSuffix: string | null) => ({ registrable, publicSuffix });
  it("refuses consumer providers, with regional variants", () => {
    expect(isConsumerDomain("gmail.com", info("gmail.com", "com"))).toBe(true);
    expect(isConsumerDomain("yahoo.co.uk", info("yahoo.co.uk", "co.uk"))).toBe(true);
    expect(isConsumerDomain("gmx.net", info("gmx.net", "net"))).toBe(true);
    expect(isConsumerDomain("yandex.com.tr", info("yandex.com.tr", "com.tr"))).toBe(true);
    expect(isConsumerDomain("mail.example.com", info("example.com", "com"))).toBe(false);
    expect(isConsumerDomain("gmailer.com", info("gmailer.com", "com"))).toBe(false);
    expect(code(() => assertClaimable("hotmail.fr", info("hotmail.fr", "fr")))).toBe("DOMAIN_CONSUMER");
  });
  it("refuses public suffixes and accepts subdomains of real domains", () => {
    expect(code(() => assertClaimable("co.uk", info(null, "co.uk")))).toBe("DOMAIN_INVALID");
    expect(code(() => assertClaimable("github.io", info(null, "github.io")))).toBe("DOMAIN_INVALID");
    expect(code(() => assertClaimable("eng.example.co.uk", info("example.co.uk", "co.uk")))).toBe("none");
  });
});

describe("emailMatchesDomain", () => {
  const exact = { domain: "example.com", includeSubdomains: false };
  const withSubs = { domain: "example.com", includeSubdomains: true };
  it("matches the exact domain, case-insensitively", () => {
    expect(emailMatchesDomain("ann@example.com", exact)).toBe(true);
    expect(emailMatchesDomain("Ann@EXAMPLE.com", exact)).toBe(true);
    expect(emailMatchesDomain("ann@example.com.", exact)).toBe(true);
  });
  it.each([
    "a@attacker-example.com",
    "a@example.com.evil.io",
    "a@notexample.com",
    "a@example.co",
    "example.com",
    "a@",
    "a@eng.example.com",
  ])("never matches %j without subdomains", (email) => {
    expect(emailMatchesDomain(email, exact)).toBe(false);
  });
  it("matches subdomains only when allowed, on a label boundary", () => {
    expect(emailMatchesDomain("a@eng.example.com", withSubs)).toBe(true);
    expect(emailMatchesDomain("a@a.b.example.com", withSubs)).toBe(true);
    expect(emailMatchesDomain("a@eng-example.com", withSubs)).toBe(false);
    expect(emailMatchesDomain("a@example.com.evil.io", withSubs)).toBe(false);
    // "@" inside the local part: the domain is what follows the last @.
    expect(emailMatchesDomain('"x@example.com"@evil.io', withSubs)).toBe(false);
  });
});

describe("parseDomainConfig", () => {
  it("reads the seed's JSON as written", () => {
    const { domain, settings } = parseDomainConfig({
      domain: "company.com",
      auto_invite: true,
      default_role: "member",
      require_admin_approval: false,
      departments: { engineering: "member", leadership: "admin", interns: "viewer" },
    });
    expect(domain).toBe("company.com");
    expect(settings).toEqual({
      mode: "auto",
      defaultRole: "member",
      departments: { engineering: "member", leadership: "admin", interns: "viewer" },
      includeSubdomains: false,
      requireSso: false,
    });
    expect(parseDomainConfig({ auto_invite: true, require_admin_approval: true }).settings.mode).toBe(
      "approval",
    );
    expect(parseDomainConfig({ auto_invite: false, require_admin_approval: true }).settings.mode).toBe("off");
  });
  it("reads camelCase and keeps current values for fields left out", () => {
    const current = parseDomainConfig({ mode: "auto", defaultRole: "viewer", requireSso: true }).settings;
    expect(parseDomainConfig({ includeSubdomains: true }, current).settings).toEqual({
      ...current,
      includeSubdomains: true,
    });
    expect(parseDomainConfig({ require_admin_approval: true }, current).settings.mode).toBe("approval");
  });
  it.each([
    [{ default_role: "owner" }, "default_role"],
    [{ mode: "sometimes" }, "mode"],
    [{ mode: "auto", auto_invite: false }, "mode"],
    [{ departments: ["engineering"] }, "departments"],
    [{ departments: { sales: "boss" } }, "departments"],
    [{ departments: { Sales: "member", sales: "admin" } }, "departments"],
    [{ auto_invite: "yes" }, "auto_invite"],
    [{ colour: "blue" }, "colour"],
  ])("refuses %j with a field", (input, field) => {
    try {
      parseDomainConfig(input);
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error, "VALIDATION_FAILED")).toBe(true);
      expect((error as { details?: { field?: string } }).details?.field).toBe(field);
    }
  });
  it("joinRole: department (case-insensitive) else default", () => {
    const { settings } = parseDomainConfig({ default_role: "viewer", departments: { Leadership: "admin" } });
    expect(joinRole(settings, " LEADERSHIP ")).toBe("admin");
    expect(joinRole(settings, "sales")).toBe("viewer");
    expect(joinRole(settings, null)).toBe("viewer");
  });
});

describe("verification record", () => {
  it("joins chunks and compares exactly", () => {
    expect(hasVerificationRecord([["gatehouse-verification=", "abc123"]], "abc123")).toBe(true);
    expect(hasVerificationRecord([["v=spf1"], ['"gatehouse-verification=abc123"']], "abc123")).toBe(true);
    expect(hasVerificationRecord([["gatehouse-verification=abc1234"]], "abc123")).toBe(false);
    expect(hasVerificationRecord([["gatehouse-verification=ABC123"]], "abc123")).toBe(false);
    expect(hasVerificationRecord([], "abc123")).toBe(false);
    expect(constantTimeEqual("abc", "abc")).toBe(true);
    expect(constantTimeEqual("abc", "abd")).toBe(false);
    expect(constantTimeEqual("abc", "ab")).toBe(false);
  });
});
