import { expect } from "vitest";
import { createTeam, expectError, type Response } from "./api.js";
import type { MemberFixture, OrgFixture, TestApp } from "./app.js";

/**
 * Everyone a route can meet: the three org roles, the three team roles (people whose org role is
 * member), someone signed out, and the admin of another organization.
 */
export const ACTORS = [
  "admin",
  "member",
  "viewer",
  "teamOwner",
  "teamAdmin",
  "teamMember",
  "signedOut",
  "otherOrgAdmin",
] as const;
export type Actor = (typeof ACTORS)[number];

export type RoleWorld = {
  org: OrgFixture;
  /** A Business team the team-role actors belong to (the org admin, its creator, is an owner too). */
  teamId: string;
  other: OrgFixture;
  people: Record<Exclude<Actor, "signedOut">, MemberFixture>;
  cookieOf(actor: Actor): string | null;
};

/** A Business org with one person per role, and a second org next door. */
export async function buildRoleWorld(t: TestApp): Promise<RoleWorld> {
  const org = await t.setupOrg({ plan: "business", name: "Acme" });
  const other = await t.setupOrg({ plan: "business", name: "Other Co" });
  const teamId = await createTeam(t, org, "Research");
  const people = {
    admin: org.admin,
    member: await t.addMember(org, { role: "member", name: "Mo Member" }),
    viewer: await t.addMember(org, { role: "viewer", name: "Vi Viewer" }),
    teamOwner: await t.addMember(org, { role: "member", teamId, teamRole: "owner", name: "Owen Owner" }),
    teamAdmin: await t.addMember(org, { role: "member", teamId, teamRole: "admin", name: "Ava Admin" }),
    teamMember: await t.addMember(org, { role: "member", teamId, teamRole: "member", name: "Tim Team" }),
    otherOrgAdmin: other.admin,
  };
  return {
    org,
    teamId,
    other,
    people,
    cookieOf: (actor) => (actor === "signedOut" ? null : people[actor].cookie),
  };
}

/**
 * Allowed actors get `successStatus`; everyone else gets the refusal that actor must get: signed out
 * 401, a member of another org 404 (never 403: they must not learn the org exists), others 403.
 */
export function expectAccess(
  response: Response,
  actor: Actor,
  allowed: readonly Actor[],
  successStatus: number,
): void {
  if (allowed.includes(actor)) {
    expect(response.statusCode, `${actor}: ${response.body}`).toBe(successStatus);
    return;
  }
  if (actor === "signedOut") expectError(response, "UNAUTHENTICATED");
  else if (actor === "otherOrgAdmin") expectError(response, "NOT_FOUND");
  else expectError(response, "FORBIDDEN");
}
