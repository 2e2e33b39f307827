import type { OrgRole, TeamRole } from "../roles.js";
import type { Action } from "./catalog.js";
import type { AgentCreation } from "./permission-sets.js";
import type { ShareLevel, SpaceLevel } from "./policy-data.js";

/** Why a check was allowed: each entry names a grant that decided it. */
export type Via =
  | { type: "role"; role: OrgRole }
  | { type: "team_role"; teamId: string; teamName: string; role: TeamRole }
  | { type: "owner" }
  | { type: "org_wide" }
  | { type: "department"; department: string }
  | { type: "share"; teamId: string; teamName: string; level: ShareLevel; dataScope?: string }
  | { type: "team_space"; teamSpaceId: string; teamSpaceName: string; teamId: string; level: SpaceLevel }
  | { type: "project"; projectId: string; projectName: string; endsAt: string }
  | {
      type: "permission_set";
      setId: string;
      key: string;
      name: string;
      from: "department" | "team" | "user";
      /** The department or team it applies through, when `from` names one. */
      department?: string;
      teamId?: string;
      value?: string | number | AgentCreation;
    }
  | { type: "api_key"; apiKeyId: string };

export const REASON_CODES = [
  "ALLOWED",
  "NOT_A_MEMBER",
  "ROLE",
  "NO_ACCESS",
  "DISABLED",
  "NOT_IN_PERMISSION_SET",
  "APPROVAL_REQUIRED",
  "CREATION_DISABLED",
  "UPLOAD_TOO_LARGE",
  "DATA_SCOPE_NOT_GRANTED",
  "TEAM_ROLE_REQUIRED",
  "API_KEY_SCOPE",
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export type Decision = {
  allowed: boolean;
  reason: { code: ReasonCode; message: string };
  via: Via[];
  /** When the access that allowed this ends by itself (a project's end), if it does. */
  expiresAt?: string;
};

export type DecisionFor = { action: Action } & Decision;

export function allow(message: string, via: Via[], expiresAt?: string): Decision {
  return expiresAt === undefined
    ? { allowed: true, reason: { code: "ALLOWED", message }, via }
    : { allowed: true, reason: { code: "ALLOWED", message }, via, expiresAt };
}

export function deny(code: Exclude<ReasonCode, "ALLOWED">, message: string, via: Via[] = []): Decision {
  return { allowed: false, reason: { code, message }, via };
}

/**
 * A decision to be kept: shared by many checks, or held in the decision memo. Copied into objects of
 * its own and frozen. V8 decides per allocation site whether the objects made there are allocated
 * straight into the old generation; if the decisions that `allow` and `deny` make for one check were
 * sometimes kept for long, every decision would be allocated there and its young parts kept alive
 * until a full collection, which made each minor collection about ten times slower. Made here, kept
 * decisions come from sites of their own. A decision already kept (frozen) is returned as it is.
 */
export function keep(decision: Decision): Decision {
  if (Object.isFrozen(decision)) return decision;
  const reason = Object.freeze({ code: decision.reason.code, message: decision.reason.message });
  const via = Object.freeze(decision.via.slice()) as Via[];
  return Object.freeze(
    decision.expiresAt === undefined
      ? { allowed: decision.allowed, reason, via }
      : { allowed: decision.allowed, reason, via, expiresAt: decision.expiresAt },
  );
}

const serialized = new WeakMap<Decision, string>();

/**
 * A decision as JSON, written once per decision object: kept decisions are answered again and again,
 * and the decision API sends this text as it is.
 */
export function decisionJson(decision: Decision): string {
  let json = serialized.get(decision);
  if (json === undefined) {
    json = JSON.stringify(decision);
    serialized.set(decision, json);
  }
  return json;
}
