import { describe, expect, it } from "vitest";
import { matchesFilter, parseFilter, simpleEquality } from "./filter.js";
import { ENTERPRISE_USER_SCHEMA, GROUP_RESOURCE, USER_RESOURCE } from "./schemas.js";
import { isScimError } from "./scim-error.js";

const ada = {
  id: "u1",
  externalId: "00u1abc",
  userName: "Ada@Example.com",
  name: { givenName: "Ada", familyName: "Lovelace" },
  displayName: "Ada Lovelace",
  active: true,
  emails: [
    { value: "ada@example.com", type: "work", primary: true },
    { value: "ada@home.test", type: "home" },
  ],
  [ENTERPRISE_USER_SCHEMA]: { department: "Engineering", manager: { value: "u9" } },
  meta: { resourceType: "User", lastModified: "2026-11-01T10:00:00.000Z" },
};

const matches = (filter: string, user: Record<string, unknown> = ada) =>
  matchesFilter(parseFilter(filter, USER_RESOURCE), user, USER_RESOURCE);

function scimTypeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (isScimError(error)) return error.scimType;
    throw error;
  }
  return undefined;
}

describe("SCIM filters (RFC 7644 §3.4.2.2)", () => {
  it("compares userName case-insensitively, as identity providers expect", () => {
    expect(matches('userName eq "ada@example.com"')).toBe(true);
    expect(matches('USERNAME EQ "ADA@EXAMPLE.COM"')).toBe(true);
    expect(matches('userName eq "1f0c4b6e-random@example.com"')).toBe(false);
  });

  it("compares id and externalId exactly (caseExact)", () => {
    expect(matches('externalId eq "00u1abc"')).toBe(true);
    expect(matches('externalId eq "00U1ABC"')).toBe(false);
  });

  it("supports co, sw, ew, pr, ne, booleans and sub-attributes", () => {
    expect(matches('name.familyName co "love"')).toBe(true);
    expect(matches('userName sw "ada@"')).toBe(true);
    expect(matches('userName ew "@example.com"')).toBe(true);
    expect(matches("title pr")).toBe(false);
    expect(matches("displayName pr")).toBe(true);
    expect(matches('displayName ne "Ada Lovelace"')).toBe(false);
    expect(matches("active eq true")).toBe(true);
    expect(matches("active eq false")).toBe(false);
  });

  it("matches multi-valued attributes when any value matches, and value paths element by element", () => {
    expect(matches('emails.value eq "ada@home.test"')).toBe(true);
    expect(matches('emails eq "ada@home.test"')).toBe(true);
    expect(matches('emails[type eq "work" and value ew "example.com"]')).toBe(true);
    // The work address is not at home.test: conditions must hold on the same element.
    expect(matches('emails[type eq "work" and value ew "home.test"]')).toBe(false);
  });

  it("honours precedence: not, then and, then or; and parentheses", () => {
    expect(matches('userName eq "x" or userName eq "ada@example.com" and active eq true')).toBe(true);
    expect(matches('(userName eq "x" or userName eq "ada@example.com") and active eq false')).toBe(false);
    expect(matches("not (active eq false)")).toBe(true);
  });

  it("reads enterprise extension attributes by their full URN", () => {
    expect(matches(`${ENTERPRISE_USER_SCHEMA}:department eq "engineering"`)).toBe(true);
    expect(matches(`${ENTERPRISE_USER_SCHEMA}:manager.value eq "u9"`)).toBe(true);
  });

  it("compares dates as dates", () => {
    expect(matches('meta.lastModified gt "2026-10-31T00:00:00Z"')).toBe(true);
    expect(matches('meta.lastModified lt "2026-10-31T00:00:00Z"')).toBe(false);
  });

  it("refuses broken filters and unknown attributes with invalidFilter and a position", () => {
    expect(scimTypeOf(() => parseFilter('userName eq "unclosed', USER_RESOURCE))).toBe("invalidFilter");
    expect(scimTypeOf(() => parseFilter('userName like "a"', USER_RESOURCE))).toBe("invalidFilter");
    expect(scimTypeOf(() => parseFilter("(userName pr", USER_RESOURCE))).toBe("invalidFilter");
    expect(scimTypeOf(() => parseFilter('shoeSize eq "9"', USER_RESOURCE))).toBe("invalidFilter");
    expect(scimTypeOf(() => parseFilter("", USER_RESOURCE))).toBe("invalidFilter");
    expect(() => parseFilter('userName eq "a" extra', USER_RESOURCE)).toThrow(/character 17/);
  });

  it("recognises the single-attribute equality that services answer with an index", () => {
    expect(simpleEquality(parseFilter('userName eq "A@b.c"', USER_RESOURCE), USER_RESOURCE)).toEqual({
      attribute: "userName",
      value: "A@b.c",
    });
    expect(simpleEquality(parseFilter('displayName eq "Sales"', GROUP_RESOURCE), GROUP_RESOURCE)).toEqual({
      attribute: "displayName",
      value: "Sales",
    });
    expect(simpleEquality(parseFilter('userName sw "A"', USER_RESOURCE), USER_RESOURCE)).toBeUndefined();
    expect(simpleEquality(parseFilter("active eq true", USER_RESOURCE), USER_RESOURCE)).toBeUndefined();
  });
});
