import type { Action } from "./catalog.js";
import { allow, type Decision, deny } from "./decision.js";
import { activeProjectVia, describeVia, roleVia, setViaOf, teamSpaceVia } from "./explain.js";
import { theTeam } from "./naming.js";
import {
  type ContextFileEntry,
  type KnowledgeBaseEntry,
  type Policy,
  type Principal,
  rulesOf,
} from "./policy.js";

/** Context files (personal / team / org scope) and knowledge bases (public / department / team / personal). */
export function decideContextFile(
  policy: Policy,
  principal: Principal,
  action: Action,
  file: ContextFileEntry,
): Decision {
  if (principal.role === "admin") return allow("Allowed by the Admin role.", [roleVia(principal)]);
  const isEdit = action === "context-files:edit";
  if (file.scope === "personal") {
    if (file.ownerId !== null && file.ownerId === principal.userId)
      return allow("Allowed: they own it.", [{ type: "owner" }]);
    return deny("NO_ACCESS", `The context file ${file.name} is personal to someone else.`);
  }
  if (file.scope === "org") {
    if (isEdit) return deny("ROLE", "Only admins change org-scoped context files.");
    return allow("Allowed: org-scoped context files are open to every member.", [{ type: "org_wide" }]);
  }
  const role = file.teamId === null ? undefined : principal.teamRoles.get(file.teamId);
  const teamName = (file.teamId && policy.teams.get(file.teamId)?.name) || "";
  if (role === undefined)
    return deny("NO_ACCESS", `The context file ${file.name} belongs to ${theTeam(teamName)}.`);
  if (isEdit && role === "member")
    return deny(
      "TEAM_ROLE_REQUIRED",
      `Changing ${theTeam(teamName)}'s context files needs team admin or owner.`,
    );
  return allow(`Allowed as ${role} of ${theTeam(teamName)}.`, [
    { type: "team_role", teamId: file.teamId as string, teamName, role },
  ]);
}

export function decideKnowledgeBase(
  policy: Policy,
  principal: Principal,
  action: Action,
  kb: KnowledgeBaseEntry,
  nowMs: number,
): Decision {
  if (principal.role === "admin")
    return allow("Allowed by the Admin role (manage knowledge bases).", [roleVia(principal)]);
  const isOwner = kb.ownerId !== null && kb.ownerId === principal.userId;
  if (action === "knowledge-bases:edit") {
    if (isOwner) return allow("Allowed: they own it.", [{ type: "owner" }]);
    const role = kb.teamId === null ? undefined : principal.teamRoles.get(kb.teamId);
    if (kb.visibility === "team" && (role === "admin" || role === "owner")) {
      const teamName = policy.teams.get(kb.teamId as string)?.name ?? "";
      return allow(`Allowed as ${role} of ${theTeam(teamName)}.`, [
        { type: "team_role", teamId: kb.teamId as string, teamName, role },
      ]);
    }
    return deny(
      "NO_ACCESS",
      `Only the owner, its team's admins or an org admin change the knowledge base ${kb.name}.`,
    );
  }
  if (isOwner) return allow("Allowed: they own it.", [{ type: "owner" }]);
  if (kb.visibility === "team" && kb.teamId !== null) {
    const role = principal.teamRoles.get(kb.teamId);
    if (role !== undefined) {
      const teamName = policy.teams.get(kb.teamId)?.name ?? "";
      return allow(`Allowed as ${role} of ${theTeam(teamName)}.`, [
        { type: "team_role", teamId: kb.teamId, teamName, role },
      ]);
    }
  }
  if (kb.visibility === "department" && kb.department !== null && kb.department === principal.department) {
    return allow(`Allowed through the ${kb.department} department.`, [
      { type: "department", department: kb.department },
    ]);
  }
  for (const [teamId] of principal.teamRoles) {
    const grant = kb.spaceGrants.get(teamId);
    if (grant && grant.level !== "none") {
      const via = teamSpaceVia(policy, grant.spaceId, teamId, grant.level);
      return allow(`Allowed: ${describeVia(via)}.`, [via]);
    }
  }
  const projectGrant = activeProjectVia(policy, principal, kb.projectIds, nowMs);
  if (projectGrant)
    return allow(`Allowed: ${describeVia(projectGrant)}.`, [projectGrant], projectGrant.endsAt);
  const rules = rulesOf(policy, principal);
  // Personal knowledge bases stay personal: a permission set's list never opens someone else's.
  if (rules.knowledgeBaseAccess !== null && kb.visibility !== "personal") {
    const setId =
      rules.knowledgeBaseAccess.get(kb.key) ??
      (kb.visibility === "public" ? rules.knowledgeBaseAccess.get("public") : undefined);
    if (setId !== undefined) {
      const via = setViaOf(policy, principal, setId, kb.key);
      return allow(`Allowed by permission set ${policy.sets.get(setId)?.key}.`, [via]);
    }
    const setKeys = [...new Set(rules.knowledgeBaseAccess.values())]
      .map((id) => policy.sets.get(id)?.key)
      .join(", ");
    return deny(
      "NOT_IN_PERMISSION_SET",
      `The knowledge base ${kb.key} is not in this person's knowledge_base_access (permission set ${setKeys}).`,
    );
  }
  if (kb.visibility === "public")
    return allow("Allowed: public knowledge bases are open to everyone.", [{ type: "org_wide" }]);
  const audience =
    kb.visibility === "personal"
      ? "personal to someone else"
      : kb.visibility === "team"
        ? "for the members of its team"
        : `for the ${kb.department} department`;
  return deny("NO_ACCESS", `The knowledge base ${kb.name} is ${audience}.`);
}
