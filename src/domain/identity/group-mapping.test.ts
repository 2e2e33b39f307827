import { describe, expect, it } from "vitest";
import {
  desiredAccess,
  type GroupMappingRule,
  mappingProblems,
  planDirectoryAccess,
} from "./group-mapping.js";

const rule = (group: string, extra: Partial<GroupMappingRule>): GroupMappingRule => ({
  group,
  role: null,
  teamId: null,
  teamRole: null,
  department: null,
  ...extra,
});

const RULES = [
  rule("Engineering", { role: "member", teamId: "t-eng", department: "engineering" }),
  rule("Eng Leads", { role: "admin", teamId: "t-eng", teamRole: "admin" }),
  rule("Marketing", { teamId: "t-mkt", department: "marketing" }),
  rule("Contractors", { role: "viewer" }),
];

describe("directory group mapping", () => {
  it("takes the highest role, the highest team role per team, and the first department; names match loosely", () => {
    const desired = desiredAccess(RULES, [" eng leads ", "ENGINEERING", "Marketing", "Contractors"]);
    expect(desired.role).toBe("admin");
    expect(desired.teams).toEqual(
      new Map([
        ["t-eng", "admin"],
        ["t-mkt", "member"],
      ]),
    );
    expect(desired.department).toBe("engineering");
    expect(desired.matchedGroups).toEqual(["Engineering", "Eng Leads", "Marketing", "Contractors"]);
  });

  it("adds, changes and removes directory-managed teams and leaves other teams alone", () => {
    const plan = planDirectoryAccess(RULES, ["Engineering"], {
      role: "member",
      department: null,
      teams: new Map([
        ["t-eng", "admin"],
        ["t-mkt", "member"],
        ["t-handmade", "owner"],
      ]),
    });
    expect(plan.teams).toEqual([
      { kind: "update", teamId: "t-eng", from: "admin", role: "member" },
      { kind: "remove", teamId: "t-mkt", from: "member" },
    ]);
    expect(plan.role).toBeNull();
    expect(plan.department).toBe("engineering");
  });

  it("leaves the role alone when no group maps one, and plans nothing for someone already in line", () => {
    const plan = planDirectoryAccess(RULES, ["Marketing"], {
      role: "admin",
      department: "marketing",
      teams: new Map([["t-mkt", "member"]]),
    });
    expect(plan).toEqual({ role: null, department: undefined, teams: [], matchedGroups: ["Marketing"] });
  });

  it("someone in no mapped group loses every directory-managed team", () => {
    const plan = planDirectoryAccess(RULES, [], {
      role: "member",
      department: null,
      teams: new Map([["t-eng", "member"]]),
    });
    expect(plan.teams).toEqual([{ kind: "remove", teamId: "t-eng", from: "member" }]);
  });

  it("explains what is wrong with a mapping", () => {
    expect(mappingProblems(RULES)).toEqual([]);
    expect(
      mappingProblems([
        rule(" ", { role: "member" }),
        rule("A", { teamRole: "owner" }),
        rule("B", {}),
        rule("C", { teamId: "t" }),
        rule("c", { teamId: "t", teamRole: "admin" }),
      ]),
    ).toEqual([
      "Rule 1 (no group): name the directory group.",
      "Rule 2 (A): a team role needs a team.",
      "Rule 3 (B): give it an org role, a team or a department, or remove it.",
      "Rule 5 (c): this group already has a rule for the same team; merge the two.",
    ]);
  });
});
