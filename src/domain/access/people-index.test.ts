import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TEAM_ROLES, type TeamRole } from "../roles.js";
import { PeopleIndex, type PersonEntry, type Profile } from "./people-index.js";
import { combineRules } from "./permission-sets.js";

const TEAMS = Array.from({ length: 40 }, (_, i) => `team-${i}`);
const NO_SETS: Profile["sets"] = Object.freeze([]);
const RULES = combineRules([]);
const profile = (role: Profile["role"], department: string | null, projectIds: string[] = []): Profile => ({
  role,
  department,
  sets: NO_SETS,
  projectIds,
  rules: RULES,
});

const uuid = (n: number, high = 0x0193a1b2) =>
  `${high.toString(16).padStart(8, "0")}-c3d4-7${(n >>> 16).toString(16).padStart(3, "0")}-8${(n & 0xfff).toString(16).padStart(3, "0")}-${n.toString(16).padStart(12, "0")}`;

const person = (
  userId: string,
  p: Profile,
  teams: [string, TeamRole][] = [],
  name = userId,
): PersonEntry => ({
  userId,
  name,
  profile: p,
  teamRoles: new Map(teams),
});

describe("PeopleIndex", () => {
  it("finds people by id and reads back role, department, projects, sets, name and teams", () => {
    const member = profile("member", "marketing", ["p1"]);
    const index = new PeopleIndex(TEAMS, [
      person(uuid(1), member, [["team-3", "admin"]], "Ann"),
      person(uuid(2), profile("viewer", null), [
        ["team-1", "member"],
        ["team-39", "owner"],
      ]),
      person(uuid(3), profile("admin", "finance"), [
        ["team-0", "member"],
        ["team-2", "admin"],
        ["team-5", "owner"],
      ]),
      person(uuid(4), member),
    ]);
    const ann = index.get(uuid(1));
    expect(ann).toMatchObject({ userId: uuid(1), role: "member", department: "marketing", name: "Ann" });
    expect(ann?.projectIds).toEqual(["p1"]);
    expect(ann?.sets).toBe(NO_SETS);
    expect([...(ann?.teamRoles ?? [])]).toEqual([["team-3", "admin"]]);
    expect([...(index.get(uuid(2))?.teamRoles ?? [])]).toEqual([
      ["team-1", "member"],
      ["team-39", "owner"],
    ]);
    const three = index.get(uuid(3));
    expect(three?.role).toBe("admin");
    expect(three?.teamRoles.get("team-5")).toBe("owner");
    expect(three?.teamRoles.has("team-4")).toBe(false);
    expect(three?.teamRoles.size).toBe(3);
    expect([...(three?.teamRoles.keys() ?? [])]).toEqual(["team-0", "team-2", "team-5"]);
    expect(index.get(uuid(4))?.teamRoles.size).toBe(0);
    expect(index.get(uuid(5))).toBeUndefined();
    expect(index.has(uuid(4))).toBe(true);
    expect(index.size).toBe(4);
    expect(new Set([1, 2, 3, 4].map((n) => index.indexOf(uuid(n)))).size).toBe(4);
    expect(index.indexOf(uuid(5))).toBe(-1);
  });

  it("compares ids exactly: another case or form is another id", () => {
    const index = new PeopleIndex(TEAMS, [person(uuid(1), profile("member", null))]);
    expect(index.get(uuid(1).toUpperCase())).toBeUndefined();
    expect(index.get(uuid(1).replaceAll("-", ""))).toBeUndefined();
    expect(index.get(` ${uuid(1)}`.trim())).toBeDefined();
    expect(index.get(`${uuid(1).slice(0, 35)}g`)).toBeUndefined();
  });

  it("keeps people who do not fit a slot beside the table, and they decide alike", () => {
    const four: [string, TeamRole][] = [
      ["team-1", "member"],
      ["team-2", "admin"],
      ["team-3", "owner"],
      ["team-4", "member"],
    ];
    const index = new PeopleIndex(TEAMS, [
      person("ann", profile("member", null), [["team-1", "admin"]]),
      person(uuid(1).toUpperCase(), profile("viewer", null)),
      person(uuid(2), profile("member", null), four),
      person(uuid(3), profile("member", null), [["not-a-team", "member"]]),
    ]);
    expect(index.get("ann")?.teamRoles.get("team-1")).toBe("admin");
    expect(index.get(uuid(1).toUpperCase())?.role).toBe("viewer");
    expect(index.get(uuid(1))).toBeUndefined();
    expect([...(index.get(uuid(2))?.teamRoles ?? [])]).toEqual(four);
    expect(index.get(uuid(3))?.teamRoles.get("not-a-team")).toBe("member");
    expect(index.get("ann")?.personIndex).toBe(-1);
    expect([...index.keys()].sort()).toEqual(["ann", uuid(1).toUpperCase(), uuid(2), uuid(3)].sort());
  });

  it("keeps the department in the slot, up to 4,095 departments; people of further ones beside the table", () => {
    const people = Array.from({ length: 4_100 }, (_, i) => person(uuid(i), profile("member", `dept-${i}`)));
    const index = new PeopleIndex(TEAMS, people);
    for (const i of [0, 1, 4_094, 4_095, 4_099]) {
      const found = index.get(uuid(i));
      expect(found?.department).toBe(`dept-${i}`);
      // The 4,095 departments (null among them when someone has none) fit; the rest stay beside it.
      expect(found?.personIndex).toBe(i < 4_095 ? i : -1);
    }
  });

  it("refuses the same person twice", () => {
    const p = profile("member", null);
    expect(() => new PeopleIndex(TEAMS, [person(uuid(7), p), person(uuid(7), p)])).toThrow(/twice/);
  });

  it("answers like a Map on random people, ids that share their first words included", () => {
    const id = fc.oneof(
      fc.integer({ min: 0, max: 5_000 }).map((n) => uuid(n)),
      fc.integer({ min: 0, max: 50 }).map((n) => uuid(n, 0xffffffff - n)),
      fc.uuid(),
      fc.string({ maxLength: 40 }),
    );
    const teams = fc.uniqueArray(fc.tuple(fc.constantFrom(...TEAMS), fc.constantFrom(...TEAM_ROLES)), {
      maxLength: 5,
      selector: ([team]) => team,
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(id, fc.constantFrom("viewer", "member", "admin"), teams), {
          maxLength: 300,
          selector: ([userId]) => userId,
        }),
        fc.array(id, { maxLength: 50 }),
        (people, probes) => {
          const entries = people.map(([userId, role, t]) =>
            person(userId, profile(role as Profile["role"], null), t as [string, TeamRole][]),
          );
          const index = new PeopleIndex(TEAMS, entries);
          const expected = new Map(entries.map((e) => [e.userId, e]));
          for (const probe of [...probes, ...people.map(([userId]) => userId)]) {
            const got = index.get(probe);
            const want = expected.get(probe);
            expect(got === undefined).toBe(want === undefined);
            expect(index.has(probe)).toBe(want !== undefined);
            if (got && want) {
              expect(got.userId).toBe(want.userId);
              expect(got.role).toBe(want.profile.role);
              expect(new Map(got.teamRoles)).toEqual(want.teamRoles);
            }
          }
          expect(index.size).toBe(entries.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});
