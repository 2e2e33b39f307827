import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isAppError } from "./errors.js";
import {
  assertCanChangeTeamMember,
  assertCanGrantOrgRole,
  assertKeepsAnAdmin,
  assertKeepsATeamOwner,
  can,
  ORG_PERMISSIONS,
  type OrgAccess,
  PERMISSIONS,
} from "./permissions.js";
import {
  compareOrgRoles,
  compareTeamRoles,
  ORG_ROLES,
  type OrgRole,
  TEAM_ROLES,
  type TeamRole,
} from "./roles.js";

const orgRole = fc.constantFrom(...ORG_ROLES);
const teamRole = fc.constantFrom(...TEAM_ROLES);
const maybeTeamRole = fc.option(teamRole, { nil: null });

function allowed(fn: () => void): boolean {
  try {
    fn();
    return true;
  } catch (error) {
    if (!isAppError(error)) throw error;
    return false;
  }
}

function access(role: OrgRole, teams: [string, TeamRole][] = []): OrgAccess {
  return { orgId: "o", userId: "u", role, teamRoles: new Map(teams) };
}

describe("org permissions", () => {
  it("denies by default: every permission a role holds is listed, and nothing else", () => {
    for (const role of ORG_ROLES) {
      for (const permission of PERMISSIONS) {
        expect(can(access(role), permission)).toBe(
          (ORG_PERMISSIONS[role] as readonly string[]).includes(permission),
        );
      }
    }
  });

  it("only admins invite, remove and change org roles", () => {
    for (const permission of ["invitations:create", "members:remove", "members:update"] as const) {
      expect(ORG_ROLES.filter((role) => can(access(role), permission))).toEqual(["admin"]);
    }
  });

  it("grants team permissions only inside that team", () => {
    const teamAdmin = access("member", [["t1", "admin"]]);
    expect(can(teamAdmin, "team-members:manage", { teamId: "t1" })).toBe(true);
    expect(can(teamAdmin, "team-members:manage", { teamId: "t2" })).toBe(false);
    expect(can(teamAdmin, "team-members:manage")).toBe(false);
    expect(can(access("member", [["t1", "member"]]), "team-members:manage", { teamId: "t1" })).toBe(false);
  });

  it("a viewer can never invite, manage members or change teams, whatever their team roles", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom("t1", "t2"), teamRole)), (teams) => {
        const viewer = access("viewer", teams);
        for (const permission of [
          "invitations:create",
          "members:update",
          "members:remove",
          "org:update",
        ] as const) {
          expect(can(viewer, permission)).toBe(false);
        }
      }),
    );
  });
});

describe("nobody grants a role above their own", () => {
  it("org roles", () => {
    fc.assert(
      fc.property(orgRole, orgRole, (granter, role) => {
        expect(allowed(() => assertCanGrantOrgRole(granter, role))).toBe(compareOrgRoles(role, granter) <= 0);
      }),
    );
  });

  it("team roles: whoever is allowed to set a role holds at least that role (or is an org admin)", () => {
    fc.assert(
      fc.property(
        orgRole,
        maybeTeamRole,
        maybeTeamRole,
        maybeTeamRole,
        (actorOrg, actorTeam, current, next) => {
          const ok = allowed(() =>
            assertCanChangeTeamMember({
              actor: { orgRole: actorOrg, teamRole: actorTeam },
              currentRole: current,
              nextRole: next,
            }),
          );
          if (!ok || actorOrg === "admin") return;
          expect(actorTeam).not.toBeNull();
          if (next !== null) expect(compareTeamRoles(next, actorTeam as TeamRole)).toBeLessThanOrEqual(0);
          // Team admins never touch owners.
          if (actorTeam === "admin") expect(current).not.toBe("owner");
        },
      ),
    );
  });

  it("team members and outsiders change nothing", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<OrgRole>("member", "viewer"),
        fc.constantFrom<TeamRole | null>("member", null),
        maybeTeamRole,
        maybeTeamRole,
        (org, team, current, next) => {
          expect(
            allowed(() =>
              assertCanChangeTeamMember({
                actor: { orgRole: org, teamRole: team },
                currentRole: current,
                nextRole: next,
              }),
            ),
          ).toBe(false);
        },
      ),
    );
  });
});

describe("an org always keeps an admin", () => {
  it("no sequence of guarded demotions and removals leaves zero admins", () => {
    const op = fc.record({
      target: fc.nat(9),
      next: fc.option(orgRole, { nil: null }),
    });
    fc.assert(
      fc.property(
        fc.array(orgRole, { minLength: 1, maxLength: 10 }),
        fc.array(op, { maxLength: 60 }),
        (initial, ops) => {
          // Every org starts with its creator as admin.
          const members: (OrgRole | null)[] = ["admin", ...initial];
          for (const { target, next } of ops) {
            const current = members[target % members.length];
            if (current === null || current === undefined) continue;
            const admins = members.filter((m) => m === "admin").length;
            if (allowed(() => assertKeepsAnAdmin(admins, current, next)))
              members[target % members.length] = next;
            expect(members.filter((m) => m === "admin").length).toBeGreaterThanOrEqual(1);
          }
        },
      ),
    );
  });

  it("a team that has an owner keeps one", () => {
    expect(allowed(() => assertKeepsATeamOwner(1, "owner", "admin"))).toBe(false);
    expect(allowed(() => assertKeepsATeamOwner(1, "owner", null))).toBe(false);
    expect(allowed(() => assertKeepsATeamOwner(2, "owner", null))).toBe(true);
    expect(allowed(() => assertKeepsATeamOwner(1, "admin", null))).toBe(true);
  });
});
