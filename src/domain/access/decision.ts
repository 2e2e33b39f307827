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
  | {
      type: "team_space";
      teamSpaceId: string;
      teamSpaceName: string;
      teamId: string;
      level: SpaceLevel;
      /** Present when the team's access covers only the space's resources listed for it. */
      reach?: "resources";
    }
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
 * decisions come from sites of their own. A decision already kept is returned as it is.
 */
export function keep(decision: Decision): Decision {
  return decision instanceof KeptDecision ? decision : new KeptDecision(decision);
}

/**
 * A kept decision, which writes its JSON text the first time it is sent and keeps it. The text is in
 * a private field: freezing leaves it writable, and JSON.stringify, spreading and Object.keys do not
 * see it. (A WeakMap from decision to text, as before, cost 6% of a batch's CPU: a full memo holds
 * hundreds of thousands of decisions, and each lookup missed the CPU's cache.)
 */
class KeptDecision implements Decision {
  readonly allowed: boolean;
  readonly reason: Decision["reason"];
  readonly via: Via[];
  declare readonly expiresAt?: string;
  #json: string | undefined;

  constructor(decision: Decision) {
    this.allowed = decision.allowed;
    this.reason = Object.freeze({ code: decision.reason.code, message: decision.reason.message });
    this.via = Object.freeze(decision.via.slice()) as Via[];
    if (decision.expiresAt !== undefined) this.expiresAt = decision.expiresAt;
    Object.freeze(this);
  }

  json(): string {
    if (this.#json === undefined) this.#json = asciiJson(JSON.stringify(this));
    return this.#json;
  }
}

/** A decision as JSON: kept decisions are answered again and again, and write theirs once. */
export function decisionJson(decision: Decision): string {
  return decision instanceof KeptDecision ? decision.json() : asciiJson(JSON.stringify(decision));
}

/**
 * JSON text in ASCII, characters beyond it written as `\u` escapes: the same JSON value. V8 keeps a
 * string with any character above U+00FF at two bytes a character, and so any text joined with it: a
 * batch's answers, the response with its head. The seed's own wording in messages ("Team Admin —
 * configures the team’s agents") made nearly every batch of 100 answers such a string, copied to two
 * bytes a character and encoded back to UTF-8 on the way out (7% of a batch's CPU).
 */
export function asciiJson(json: string): string {
  let i = 0;
  while (i < json.length && json.charCodeAt(i) < 0x80) i++;
  if (i === json.length) return json;
  const escaped = json.replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  // String.replace keeps the two-byte form even when nothing beyond ASCII is left; rebuilt from
  // character codes, all below 0x80, the string is one byte a character.
  const codes = new Uint16Array(escaped.length);
  for (let k = 0; k < escaped.length; k++) codes[k] = escaped.charCodeAt(k);
  return String.fromCharCode.apply(null, codes as unknown as number[]);
}
