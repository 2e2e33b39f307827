import { evaluate } from "../../domain/access/evaluate.js";
import {
  type AccessChange,
  type AccessSummary,
  applyMassChanges,
  diffAccess,
  type MassUpdateFilter,
  matchPeople,
  personalSetKey,
  sameRules,
  summarizeAccess,
  withPersonalSets,
} from "../../domain/access/mass-update.js";
import type { MassChanges } from "../../domain/access/mass-update-document.js";
import { combineRules, EMPTY_RULES, type PermissionSetRules } from "../../domain/access/permission-sets.js";
import { compilePolicy, type Policy, rulesOf } from "../../domain/access/policy.js";
import type { PolicyData } from "../../domain/access/policy-data.js";
import type { OrgRole } from "../../domain/roles.js";

export type PersonalSetWrite = {
  userId: string;
  setId: string;
  key: string;
  name: string;
  isNew: boolean;
  before: PermissionSetRules | null;
  rules: PermissionSetRules;
};

export type PersonOutcome = {
  userId: string;
  name: string;
  role: OrgRole;
  department: string | null;
  /** Their personal set: the one written (or to be), or the one they already have; null: none. */
  personalSetId: string | null;
  unchanged: boolean;
  changes: AccessChange[];
  before: AccessSummary;
  after: AccessSummary;
  notes: string[];
};

export type MassUpdatePlan = { people: PersonOutcome[]; writes: PersonalSetWrite[] };

/** A person's access as the engine decides it, in the seed's terms. */
function summaryOf(policy: Policy, userId: string, nowMs: number): AccessSummary {
  const principal = policy.people.get(userId);
  if (!principal) throw new Error(`person ${userId} is not in the policy`);
  const rules = rulesOf(policy, principal);
  const check = (action: "agents:create" | "files:upload") =>
    evaluate(policy, { subject: { type: "user", id: userId }, action, resource: { type: "org" } }, nowMs);
  const creation = check("agents:create");
  return summarizeAccess({
    role: principal.role,
    rules,
    // As the access report computes it (reach.ts): admins have no limit.
    uploadLimitBytes:
      principal.role === "admin" ? null : (rules.fileUploadLimit?.bytes ?? policy.defaultUploadLimitBytes),
    canUpload: check("files:upload").allowed,
    agentCreation: creation.allowed
      ? "allowed"
      : creation.reason.code === "APPROVAL_REQUIRED"
        ? "admin_approval"
        : "denied",
  });
}

/**
 * What a mass update does to each person it matches, computed with the decision engine itself: the
 * org's policy is compiled as it is and as it would be with the personal sets written, and each
 * person's access is read from both.
 */
export function planMassUpdate(
  data: PolicyData,
  filter: MassUpdateFilter,
  changes: MassChanges,
  nowMs: number,
  newSetId: () => string,
): MassUpdatePlan {
  const people = matchPeople(data, filter);
  const before = compilePolicy(data);
  const setsByKey = new Map(data.permissionSets.map((s) => [s.key, s]));
  const setKey = (setId: string) => before.sets.get(setId)?.key ?? setId;
  const writes: PersonalSetWrite[] = [];
  const notesOf = new Map<string, string[]>();
  for (const person of people) {
    const key = personalSetKey(person.userId);
    const existing = setsByKey.get(key);
    const principal = before.people.get(person.userId);
    const others = combineRules(
      (principal?.sets ?? []).flatMap(({ id }) => {
        const set = before.sets.get(id);
        return set && id !== existing?.id ? [set] : [];
      }),
    );
    // A personal set no longer assigned to its person (they left and came back) grants nothing: start
    // afresh rather than bring its old rules back.
    const isAssigned = existing !== undefined && (principal?.sets ?? []).some((s) => s.id === existing.id);
    const current = isAssigned ? existing.rules : EMPTY_RULES;
    const result = applyMassChanges(current, others, changes, setKey);
    notesOf.set(person.userId, result.notes);
    if (!sameRules(current, result.rules)) {
      writes.push({
        userId: person.userId,
        setId: existing?.id ?? newSetId(),
        key,
        name: `${person.name} (personal)`,
        isNew: existing === undefined,
        before: isAssigned ? existing.rules : null,
        rules: result.rules,
      });
    }
  }
  const after = writes.length === 0 ? before : compilePolicy(withPersonalSets(data, writes));
  const writeOf = new Map(writes.map((w) => [w.userId, w]));
  return {
    writes,
    people: people.map((person) => {
      const was = summaryOf(before, person.userId, nowMs);
      const will = summaryOf(after, person.userId, nowMs);
      const diff = diffAccess(was, will);
      const notes = [...(notesOf.get(person.userId) ?? [])];
      if (person.role === "admin")
        notes.push("Permission sets do not apply to admins while they are admins.");
      if (person.role === "viewer")
        notes.push(
          "Viewers never use models or integrations, upload or create agents, whatever their sets say.",
        );
      return {
        userId: person.userId,
        name: person.name,
        role: person.role,
        department: person.department,
        personalSetId:
          writeOf.get(person.userId)?.setId ?? setsByKey.get(personalSetKey(person.userId))?.id ?? null,
        unchanged: diff.length === 0,
        changes: diff,
        before: was,
        after: will,
        notes,
      };
    }),
  };
}
