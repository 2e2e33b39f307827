import { describe, expect, it } from "vitest";
import { AppError } from "./errors.js";
import { detectImportFormat, IMPORT_FORMATS, parseImportRow } from "./imports.js";

describe("import CSV formats", () => {
  it("detects both seed headers, with a BOM, any case and spaces around names", () => {
    expect(detectImportFormat(["\uFEFFemail", "role", "department", "message"])).toBe("bulk");
    expect(
      detectImportFormat([" Email", "First_Name", "last_name", "ROLE", "department", "manager_email "]),
    ).toBe("team");
  });

  it("refuses any other header, listing both accepted ones", () => {
    for (const header of [["email", "role"], ["email", "role", "message", "department"], []]) {
      try {
        detectImportFormat(header);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe("IMPORT_HEADER_INVALID");
        expect((error as AppError).message).toContain(IMPORT_FORMATS.bulk.join(","));
        expect((error as AppError).message).toContain(IMPORT_FORMATS.team.join(","));
      }
    }
  });
});

describe("import row rules", () => {
  it("normalizes a bulk row; an empty role is member, empty fields are null", () => {
    expect(parseImportRow("bulk", [" Alice@Company.com ", "", "", ""])).toEqual({
      ok: true,
      row: {
        email: "alice@company.com",
        role: "member",
        department: null,
        message: null,
        firstName: null,
        lastName: null,
        managerEmail: null,
      },
    });
  });

  it("keeps names and the manager of a team row", () => {
    const check = parseImportRow("team", [
      "alice@co.com",
      "Alice",
      "Johnson",
      "member",
      "engineering",
      "Lead@co.com",
    ]);
    expect(check).toMatchObject({
      ok: true,
      row: {
        firstName: "Alice",
        lastName: "Johnson",
        managerEmail: "lead@co.com",
        department: "engineering",
      },
    });
  });

  it.each([
    [["bad", "member", "", ""], "not a valid email"],
    [["", "member", "", ""], "email is empty"],
    [["a@b.co", "owner", "", ""], 'role "owner"'],
    [["a@b.co", "member"], "has 2 fields"],
    [["a@b.co", "member", "x".repeat(65), ""], "department is longer"],
    [["a@b.co", "member", "", "x".repeat(2001)], "message is longer"],
  ])("refuses a bulk row %j with a reason", (cells, reason) => {
    const check = parseImportRow("bulk", cells);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toContain(reason);
  });

  it("refuses a bad manager email and a person managing themselves", () => {
    const bad = parseImportRow("team", ["a@b.co", "A", "B", "member", "", "nope"]);
    expect(bad).toMatchObject({ ok: false, reason: expect.stringContaining("manager email") });
    const self = parseImportRow("team", ["a@b.co", "A", "B", "member", "", "A@b.co"]);
    expect(self).toMatchObject({ ok: false, reason: expect.stringContaining("own manager") });
  });
});
