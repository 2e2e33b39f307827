import { createContext, useContext } from "react";
import type { Me, Membership, Organization } from "../api/types";
import { can, type Permission, PLAN_RULES, type PlanRules } from "../domain";

export type OrgContextValue = {
  me: Me;
  org: Organization;
  membership: Membership;
  rules: PlanRules;
  /** What the signed-in person may do org-wide (the same rule table the API enforces). */
  can: (permission: Permission, teamId?: string) => boolean;
  isAdmin: boolean;
  reloadOrg: () => void;
};

export const OrgContext = createContext<OrgContextValue | null>(null);

export function useOrg(): OrgContextValue {
  const value = useContext(OrgContext);
  if (!value) throw new Error("useOrg outside <OrgShell>");
  return value;
}

export function orgContextValue(
  me: Me,
  org: Organization,
  membership: Membership,
  reloadOrg: () => void,
): OrgContextValue {
  const access = {
    orgId: org.id,
    userId: me.user.id,
    role: membership.role,
    teamRoles: new Map(membership.teams.map((team) => [team.teamId, team.role])),
  };
  return {
    me,
    org,
    membership,
    rules: PLAN_RULES[org.plan],
    can: (permission, teamId) => can(access, permission, teamId === undefined ? {} : { teamId }),
    isAdmin: membership.role === "admin",
    reloadOrg,
  };
}
