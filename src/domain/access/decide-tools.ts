import { AppError } from "../errors.js";
import { ORG_ROLE_LABELS } from "../roles.js";
import { allow, type Decision, deny, type Via } from "./decision.js";
import type { CheckContext } from "./evaluate.js";
import {
  activeProjectVia,
  describeVia,
  expiredProjectNote,
  roleVia,
  setViaOf,
  subjectName,
  teamSpaceVia,
} from "./explain.js";
import { type IntegrationEntry, type ModelEntry, type Policy, type Principal, rulesOf } from "./policy.js";
import { FULL_ACCESS_SCOPE } from "./policy-data.js";

/** AI models (the org's catalog, narrowed by permission sets) and integrations (sets, team shares, data scopes). */
export function decideModel(policy: Policy, principal: Principal, model: ModelEntry): Decision {
  if (!model.enabled) return deny("DISABLED", `The model ${model.key} is turned off for this organization.`);
  if (principal.role === "admin") return allow("Allowed by the Admin role.", [roleVia(principal)]);
  const rules = rulesOf(policy, principal);
  if (rules.aiModels === null)
    return allow(`Allowed by the ${ORG_ROLE_LABELS[principal.role]} role (access all AI models).`, [
      roleVia(principal),
    ]);
  const setId = rules.aiModels.get(model.key);
  if (setId === undefined) {
    const listed = [...rules.aiModels.keys()].join(", ");
    return deny(
      "NOT_IN_PERMISSION_SET",
      `The model ${model.key} is not among this person's models (${listed}).`,
      [setViaOf(policy, principal, [...rules.aiModels.values()][0] as string)],
    );
  }
  return allow(`Allowed by permission set ${policy.sets.get(setId)?.key}.`, [
    setViaOf(policy, principal, setId, model.key),
  ]);
}

/**
 * Integrations. Explicit grants (a share with one of the person's teams, a team space with full
 * access, an active project) open an integration whatever the person's permission sets list: sets narrow
 * the role's default ("Use integrations and tools"), which is what opens an integration nobody shared.
 * Each grant brings a data scope (a share its own, a team space with full access or a project all of
 * them) and they add up.
 */
export function decideIntegration(
  policy: Policy,
  principal: Principal,
  integration: IntegrationEntry,
  context: CheckContext,
  nowMs: number,
): Decision {
  if (!integration.enabled)
    return deny("DISABLED", `The integration ${integration.key} is turned off for this organization.`);
  const wanted = context.dataScope;
  if (wanted !== undefined && wanted !== FULL_ACCESS_SCOPE && !integration.dataScopes.includes(wanted)) {
    throw new AppError("VALIDATION_FAILED", {
      message: `The integration ${integration.key} has no data scope "${wanted}". Its scopes: ${[FULL_ACCESS_SCOPE, ...integration.dataScopes].join(", ")}.`,
      details: { field: "context.dataScope" },
    });
  }
  if (principal.role === "admin") return allow("Allowed by the Admin role.", [roleVia(principal)]);

  let granted = explicitIntegrationGrant(policy, principal, integration, wanted, nowMs);
  if (granted === null) {
    if (integration.restricted || integration.shares.size > 0) {
      const teams = [...integration.shares.keys()].map((id) => policy.teams.get(id)?.name ?? id);
      return deny(
        "NO_ACCESS",
        `The integration ${integration.key} is ${teams.length > 0 ? `shared only with ${teams.join(", ")}` : "not shared with any team"}.${expiredProjectNote(policy, principal, integration.projectIds, nowMs)}`,
      );
    }
    const rules = rulesOf(policy, principal);
    if (rules.integrations === null) {
      granted = { scope: FULL_ACCESS_SCOPE, via: [roleVia(principal)] };
    } else {
      const setId = rules.integrations.get(integration.key);
      if (setId === undefined) {
        return deny(
          "NOT_IN_PERMISSION_SET",
          `The integration ${integration.key} is not among this person's integrations (${[...rules.integrations.keys()].join(", ")}).`,
        );
      }
      granted = { scope: FULL_ACCESS_SCOPE, via: [setViaOf(policy, principal, setId, integration.key)] };
    }
  }
  if (wanted !== undefined && granted.scope !== FULL_ACCESS_SCOPE && granted.scope !== wanted) {
    return deny(
      "DATA_SCOPE_NOT_GRANTED",
      `${subjectName(principal)} may use ${integration.key} with the ${granted.scope} data scope, not ${wanted}.`,
      granted.via,
    );
  }
  // A narrower scope than full access comes only from a share, whose description names it.
  const how = granted.via[0] ? describeVia(granted.via[0]) : "allowed";
  return allow(`Allowed: ${how}.`, granted.via, granted.expiresAt);
}

type IntegrationGrant = { scope: string; via: Via[]; expiresAt?: string };

/**
 * What the person's explicit grants give, most permissive first: a share with one of their teams whose
 * data scope covers what is asked, else a team space with full access or an active project (both full
 * access), else any share (a narrower scope). Grants add up, so removing one never widens access.
 */
function explicitIntegrationGrant(
  policy: Policy,
  principal: Principal,
  integration: IntegrationEntry,
  wanted: string | undefined,
  nowMs: number,
): IntegrationGrant | null {
  let narrow: IntegrationGrant | null = null;
  for (const [teamId] of principal.teamRoles) {
    const scope = integration.shares.get(teamId);
    if (scope === undefined) continue;
    const via: Via = {
      type: "share",
      teamId,
      teamName: policy.teams.get(teamId)?.name ?? "",
      level: "run_only",
      dataScope: scope,
    };
    if (scope === wanted || scope === FULL_ACCESS_SCOPE) return { scope, via: [via] };
    narrow ??= { scope, via: [via] };
  }
  for (const [teamId] of principal.teamRoles) {
    const grant = integration.spaceGrants.get(teamId);
    if (grant?.level === "full") {
      return { scope: FULL_ACCESS_SCOPE, via: [teamSpaceVia(policy, grant.spaceId, teamId, "full")] };
    }
  }
  const projectGrant = activeProjectVia(policy, principal, integration.projectIds, nowMs);
  if (projectGrant) return { scope: FULL_ACCESS_SCOPE, via: [projectGrant], expiresAt: projectGrant.endsAt };
  return narrow;
}
