import type { OrgRole } from "../roles.js";
import type { MassChanges } from "./mass-update-document.js";
import type { AgentCreation, EffectiveRules, PermissionSetRules } from "./permission-sets.js";
import { departmentKey, type PolicyData } from "./policy-data.js";
import { formatSize } from "./sizes.js";

// Mass permission updates (mixus "Bulk Permission Update"): a filter picks people, and the changes are
// written into each one's personal permission set. The combination rule of permission sets
// (permission-sets.ts) decides what that does to their access: sets combine to the most permissive,
// so a personal set widens what a department or team set grants and cannot narrow it. Where a change
// cannot have the effect it asks for, the person's entry says so in a note instead of pretending. The
// document's changes are read in mass-update-document.ts.

/** Who a mass update is for: all conditions must hold. */
export type MassUpdateFilter = { department?: string; role?: OrgRole; teamId?: string };

/** Personal permission sets are keyed by their person; shared keys can never look like this. */
export function personalSetKey(userId: string): string {
  return `user:${userId}`;
}

/** The people a filter picks: all conditions must hold; no condition picks everyone. */
export function matchPeople(data: PolicyData, filter: MassUpdateFilter): PolicyData["members"] {
  const department = filter.department === undefined ? undefined : departmentKey(filter.department);
  const inTeam =
    filter.teamId === undefined
      ? null
      : new Set(data.teamMembers.filter((tm) => tm.teamId === filter.teamId).map((tm) => tm.userId));
  return data.members.filter(
    (m) =>
      (department === undefined || (m.department !== null && departmentKey(m.department) === department)) &&
      (filter.role === undefined || m.role === filter.role) &&
      (inTeam === null || inTeam.has(m.userId)),
  );
}

const union = (a: readonly string[] | null, b: readonly string[]) => [...new Set([...(a ?? []), ...b])];

const CREATION_RANK: Record<AgentCreation, number> = { deny: 0, approval: 1, allow: 2 };
const CREATION_SEED: Record<AgentCreation, string> = {
  allow: "true",
  approval: '"admin_approval"',
  deny: "false",
};

/**
 * Applies the changes to one person's own set. `others` is the combination of their other sets (of
 * their department and teams); `setKey` names a set in notes.
 *
 * - add_* on a field no set of theirs limits adds nothing: their role already opens every enabled
 *   model or integration, and writing a one-item list would narrow them to it. Knowledge bases are the
 *   exception: the role's default is the public ones, so the list starts from "public".
 * - ai_model_access and knowledge_base_access replace their own list; remove_integrations takes from it.
 * - Whatever another set grants stays granted (the most permissive wins); the notes say where.
 */
export function applyMassChanges(
  personal: PermissionSetRules,
  others: EffectiveRules,
  changes: MassChanges,
  setKey: (setId: string) => string,
): { rules: PermissionSetRules; notes: string[] } {
  const notes: string[] = [];
  const stillGranted = (items: Iterable<string>, from: ReadonlyMap<string, string> | null, what: string) => {
    if (from === null) return;
    for (const item of items) {
      const setId = from.get(item);
      if (setId !== undefined)
        notes.push(`${what} ${item} stays: permission set ${setKey(setId)} grants it too.`);
    }
  };

  let aiModels = personal.aiModels;
  if (changes.aiModelAccess !== null) {
    const replacement = changes.aiModelAccess;
    aiModels = replacement;
    if (others.aiModels !== null)
      stillGranted(
        [...others.aiModels.keys()].filter((m) => !replacement.includes(m)),
        others.aiModels,
        "Model",
      );
  }
  if (changes.addAiModels !== null) {
    if (aiModels === null && others.aiModels === null)
      notes.push("No permission set limits their models: they may already use every enabled model.");
    else aiModels = union(aiModels, changes.addAiModels);
  }

  let integrations = personal.integrations;
  if (changes.addIntegrations !== null) {
    if (integrations === null && others.integrations === null)
      notes.push(
        "No permission set limits their integrations: they may already use every enabled integration.",
      );
    else integrations = union(integrations, changes.addIntegrations);
  }
  if (changes.removeIntegrations !== null) {
    const remove = changes.removeIntegrations;
    if (integrations === null && others.integrations === null) {
      notes.push(
        `${remove.join(", ")} stay open to them: their role opens every integration, and no permission set of theirs lists integrations to take one from.`,
      );
    } else {
      if (integrations !== null) integrations = integrations.filter((i) => !remove.includes(i));
      stillGranted(remove, others.integrations, "Integration");
    }
  }

  let knowledgeBaseAccess = personal.knowledgeBaseAccess;
  if (changes.knowledgeBaseAccess !== null) {
    const replacement = changes.knowledgeBaseAccess;
    knowledgeBaseAccess = replacement;
    if (others.knowledgeBaseAccess !== null)
      stillGranted(
        [...others.knowledgeBaseAccess.keys()].filter((k) => !replacement.includes(k)),
        others.knowledgeBaseAccess,
        "Knowledge base",
      );
  }
  if (changes.addKnowledgeBases !== null) {
    knowledgeBaseAccess =
      knowledgeBaseAccess === null && others.knowledgeBaseAccess === null
        ? union(["public"], changes.addKnowledgeBases)
        : union(knowledgeBaseAccess, changes.addKnowledgeBases);
  }

  let fileUploadLimitBytes = personal.fileUploadLimitBytes;
  if (changes.fileUploadLimitBytes !== null) {
    fileUploadLimitBytes = changes.fileUploadLimitBytes;
    if (others.fileUploadLimit !== null && others.fileUploadLimit.bytes > fileUploadLimitBytes)
      notes.push(
        `The ${formatSize(others.fileUploadLimit.bytes)} upload limit of permission set ${setKey(others.fileUploadLimit.setId)} stays: the largest limit wins.`,
      );
  }

  let agentCreation = personal.agentCreation;
  if (changes.agentCreation !== null) {
    agentCreation = changes.agentCreation;
    if (
      others.agentCreation !== null &&
      CREATION_RANK[others.agentCreation.mode] > CREATION_RANK[agentCreation]
    )
      notes.push(
        `agent_creation ${CREATION_SEED[others.agentCreation.mode]} of permission set ${setKey(others.agentCreation.setId)} stays: the most permissive wins.`,
      );
  }

  return {
    rules: { aiModels, integrations, agentCreation, fileUploadLimitBytes, knowledgeBaseAccess },
    notes,
  };
}

const sameList = (a: readonly string[] | null, b: readonly string[] | null) =>
  a === null || b === null
    ? a === b
    : a.length === b.length && [...a].sort().join("\u0000") === [...b].sort().join("\u0000");

export function sameRules(a: PermissionSetRules, b: PermissionSetRules): boolean {
  return (
    sameList(a.aiModels, b.aiModels) &&
    sameList(a.integrations, b.integrations) &&
    sameList(a.knowledgeBaseAccess, b.knowledgeBaseAccess) &&
    a.agentCreation === b.agentCreation &&
    a.fileUploadLimitBytes === b.fileUploadLimitBytes
  );
}

/**
 * A person's effective access in the terms the seed uses, as the engine decides it: "all" where
 * nothing narrows them, the allow-list where permission sets do.
 */
export type AccessSummary = {
  aiModels: string[] | "all";
  integrations: string[] | "all";
  /** "default": no set lists them, so the role's default holds (public ones, plus their department's and team's). */
  knowledgeBaseAccess: string[] | "all" | "default";
  canUpload: boolean;
  /** In the seed's format ("200MB"); null: no limit, or no uploads at all when canUpload is false. */
  fileUploadLimit: string | null;
  agentCreation: "allowed" | "admin_approval" | "denied";
};

/**
 * Admins are not narrowed by sets; viewers may never use models or integrations (the capability
 * table's ceiling), whatever their sets list.
 */
export function summarizeAccess(input: {
  role: OrgRole;
  rules: EffectiveRules;
  uploadLimitBytes: number | null;
  canUpload: boolean;
  agentCreation: AccessSummary["agentCreation"];
}): AccessSummary {
  const { role, rules } = input;
  const keys = (map: ReadonlyMap<string, string> | null) => (map === null ? null : [...map.keys()].sort());
  const usable = (map: ReadonlyMap<string, string> | null): string[] | "all" =>
    role === "admin" ? "all" : role === "viewer" ? [] : (keys(map) ?? "all");
  return {
    aiModels: usable(rules.aiModels),
    integrations: usable(rules.integrations),
    knowledgeBaseAccess: role === "admin" ? "all" : (keys(rules.knowledgeBaseAccess) ?? "default"),
    canUpload: input.canUpload,
    fileUploadLimit:
      input.uploadLimitBytes === null || !input.canUpload
        ? null
        : formatSize(input.uploadLimitBytes).replace(" ", ""),
    agentCreation: input.agentCreation,
  };
}

export type AccessChange = {
  field: keyof AccessSummary;
  before: unknown;
  after: unknown;
  /** For lists: what the person gains and loses. */
  added?: string[];
  removed?: string[];
};

/** What changes between two summaries, field by field; empty when nothing does. */
export function diffAccess(before: AccessSummary, after: AccessSummary): AccessChange[] {
  const changes: AccessChange[] = [];
  for (const field of Object.keys(before) as (keyof AccessSummary)[]) {
    const a = before[field];
    const b = after[field];
    if (Array.isArray(a) && Array.isArray(b)) {
      const added = b.filter((x) => !a.includes(x));
      const removed = a.filter((x) => !b.includes(x));
      if (added.length > 0 || removed.length > 0)
        changes.push({ field, before: a, after: b, added, removed });
    } else if (JSON.stringify(a) !== JSON.stringify(b)) {
      changes.push({ field, before: a, after: b });
    }
  }
  return changes;
}

/**
 * The org's data with some people's personal sets written (created and assigned to them, or replaced):
 * what the engine would compile after the update. The input is not modified.
 */
export function withPersonalSets(
  data: PolicyData,
  writes: readonly { userId: string; setId: string; key: string; name: string; rules: PermissionSetRules }[],
): PolicyData {
  const bySetId = new Map(writes.map((w) => [w.setId, w]));
  const permissionSets = data.permissionSets.map((s) => {
    const write = bySetId.get(s.id);
    return write ? { ...s, rules: write.rules } : s;
  });
  const existing = new Set(data.permissionSets.map((s) => s.id));
  const assigned = new Set(
    data.assignments.filter((a) => a.targetType === "user").map((a) => `${a.setId}\u0000${a.targetId}`),
  );
  const assignments = [...data.assignments];
  for (const w of writes) {
    if (!existing.has(w.setId))
      permissionSets.push({ id: w.setId, key: w.key, name: w.name, rules: w.rules });
    if (!assigned.has(`${w.setId}\u0000${w.userId}`))
      assignments.push({ setId: w.setId, targetType: "user", targetId: w.userId });
  }
  return { ...data, permissionSets, assignments };
}
