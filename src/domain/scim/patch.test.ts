import { describe, expect, it } from "vitest";
import { applyPatch, readPatchRequest } from "./patch.js";
import { ENTERPRISE_USER_SCHEMA, GROUP_RESOURCE, PATCH_OP_SCHEMA, USER_RESOURCE } from "./schemas.js";
import { isScimError } from "./scim-error.js";

const user = () => ({
  id: "u1",
  userName: "ada@example.com",
  name: { givenName: "Ada", familyName: "Lovelace" },
  active: true,
  emails: [{ value: "ada@example.com", type: "work", primary: true }],
});

const patchUser = (resource: Record<string, unknown>, operations: unknown[]) =>
  applyPatch(
    resource,
    readPatchRequest({ schemas: [PATCH_OP_SCHEMA], Operations: operations }),
    USER_RESOURCE,
  );

function scimTypeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (isScimError(error)) return error.scimType;
    throw error;
  }
  return undefined;
}

describe("SCIM PATCH as identity providers send it", () => {
  it("Okta: deactivates with a path-less replace", () => {
    expect(patchUser(user(), [{ op: "replace", value: { active: false } }]).active).toBe(false);
  });

  it("Entra: capitalized ops and booleans as strings", () => {
    const out = patchUser(user(), [{ op: "Replace", path: "active", value: "False" }]);
    expect(out.active).toBe(false);
    expect(patchUser(out, [{ op: "Replace", path: "active", value: "True" }]).active).toBe(true);
    expect(scimTypeOf(() => patchUser(user(), [{ op: "Replace", path: "active", value: "maybe" }]))).toBe(
      "invalidValue",
    );
  });

  it("Entra: path-less values whose keys are paths, including extension URNs", () => {
    const out = patchUser(user(), [
      {
        op: "Replace",
        value: {
          "name.givenName": "Augusta",
          displayName: "Augusta Ada King",
          [`${ENTERPRISE_USER_SCHEMA}:department`]: "Research",
        },
      },
    ]);
    expect(out.name).toEqual({ givenName: "Augusta", familyName: "Lovelace" });
    expect(out.displayName).toBe("Augusta Ada King");
    expect(out[ENTERPRISE_USER_SCHEMA]).toEqual({ department: "Research" });
  });

  it("a path-less extension object sets its attributes", () => {
    const out = patchUser(user(), [
      {
        op: "add",
        value: { [ENTERPRISE_USER_SCHEMA]: { employeeNumber: "701984", manager: { value: "u9" } } },
      },
    ]);
    expect(out[ENTERPRISE_USER_SCHEMA]).toEqual({ employeeNumber: "701984", manager: { value: "u9" } });
  });

  it("Entra: filtered paths replace the matching element's sub-attribute, or create the element", () => {
    const replaced = patchUser(user(), [
      { op: "Replace", path: 'emails[type eq "work"].value', value: "ada@new.test" },
    ]);
    expect(replaced.emails).toEqual([{ value: "ada@new.test", type: "work", primary: true }]);
    const created = patchUser({ ...user(), emails: [] }, [
      { op: "Add", path: 'emails[type eq "work"].value', value: "ada@example.com" },
    ]);
    expect(created.emails).toEqual([{ type: "work", value: "ada@example.com" }]);
  });

  it("replace on a complex attribute keeps the sub-attributes it does not name", () => {
    const out = patchUser(user(), [{ op: "replace", path: "name", value: { givenName: "Augusta" } }]);
    expect(out.name).toEqual({ givenName: "Augusta", familyName: "Lovelace" });
  });

  it("a new primary email makes the others non-primary", () => {
    const out = patchUser(user(), [
      { op: "add", path: "emails", value: [{ value: "a@b.test", type: "home", primary: true }] },
    ]);
    expect(out.emails).toEqual([
      { value: "ada@example.com", type: "work", primary: false },
      { value: "a@b.test", type: "home", primary: true },
    ]);
  });

  it("remove needs a path; unknown attributes and read-only changes are refused with the RFC's scimType", () => {
    expect(scimTypeOf(() => patchUser(user(), [{ op: "remove" }]))).toBe("noTarget");
    expect(scimTypeOf(() => patchUser(user(), [{ op: "replace", path: "shoeSize", value: 9 }]))).toBe(
      "invalidPath",
    );
    expect(scimTypeOf(() => patchUser(user(), [{ op: "replace", path: "id", value: "u2" }]))).toBe(
      "mutability",
    );
    expect(scimTypeOf(() => patchUser(user(), [{ op: "replace", path: "emails.value", value: "x" }]))).toBe(
      "invalidPath",
    );
    expect(scimTypeOf(() => readPatchRequest({ Operations: [{ op: "move", path: "a" }] }))).toBe(
      "invalidSyntax",
    );
    expect(
      scimTypeOf(() => readPatchRequest({ schemas: ["urn:wrong"], Operations: [{ op: "add", value: {} }] })),
    ).toBe("invalidSyntax");
  });

  it("leaves its input untouched", () => {
    const before = user();
    patchUser(before, [{ op: "replace", value: { active: false } }]);
    expect(before.active).toBe(true);
  });
});

describe("SCIM PATCH on groups", () => {
  const group = () => ({
    id: "g1",
    displayName: "Sales",
    members: [{ value: "u1" }, { value: "u2" }, { value: "u3" }],
  });
  const patchGroup = (operations: unknown[], resource: Record<string, unknown> = group()) =>
    applyPatch(
      resource,
      readPatchRequest({ schemas: [PATCH_OP_SCHEMA], Operations: operations }),
      GROUP_RESOURCE,
    );

  it("Entra: Remove with path members and a value list removes only those listed", () => {
    const out = patchGroup([{ op: "Remove", path: "members", value: [{ value: "u2" }] }]);
    expect(out.members).toEqual([{ value: "u1" }, { value: "u3" }]);
  });

  it("Okta: removes a member by a filtered path, adds members without duplicates", () => {
    expect(patchGroup([{ op: "remove", path: 'members[value eq "u3"]' }]).members).toEqual([
      { value: "u1" },
      { value: "u2" },
    ]);
    expect(
      patchGroup([{ op: "add", path: "members", value: [{ value: "u3" }, { value: "u4" }] }]).members,
    ).toEqual([{ value: "u1" }, { value: "u2" }, { value: "u3" }, { value: "u4" }]);
  });

  it("Okta: a path-less rename that repeats the group's id", () => {
    const out = patchGroup([{ op: "replace", value: { id: "g1", displayName: "Sales EMEA" } }]);
    expect(out.displayName).toBe("Sales EMEA");
  });

  it("replace members sets the whole list; remove members without a value empties it", () => {
    expect(patchGroup([{ op: "replace", path: "members", value: [{ value: "u9" }] }]).members).toEqual([
      { value: "u9" },
    ]);
    expect(patchGroup([{ op: "remove", path: "members" }]).members).toBeUndefined();
  });
});
