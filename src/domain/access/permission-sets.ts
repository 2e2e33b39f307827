import { AppError } from "../errors.js";
import { formatSizeExact, parseSize } from "./sizes.js";

/**
 * A permission set: the seed's department-specific rules. Every field is optional; a field a set leaves
 * out is not governed by that set.
 *
 * How sets combine (documented in docs/access-model.md):
 * - A person's sets are those assigned to their department, to each of their teams, and to them.
 * - Each field is decided only by the sets that mention it, and among those the most permissive wins:
 *   the union of lists, the largest upload limit, and for agent creation allow > admin approval > deny.
 * - A field no set mentions falls back to the role's default (members: every enabled model and
 *   integration, agent creation allowed, the org's upload limit, public knowledge bases).
 * - Sets never lift anyone above their role: a viewer stays a viewer. Org admins are not narrowed by sets.
 */
export type AgentCreation = "allow" | "deny" | "approval";

export type PermissionSetRules = {
  aiModels: readonly string[] | null;
  integrations: readonly string[] | null;
  agentCreation: AgentCreation | null;
  fileUploadLimitBytes: number | null;
  knowledgeBaseAccess: readonly string[] | null;
};

export const EMPTY_RULES: PermissionSetRules = {
  aiModels: null,
  integrations: null,
  agentCreation: null,
  fileUploadLimitBytes: null,
  knowledgeBaseAccess: null,
};

/** The seed's JSON field names, as written in the mixus guide. */
export type SeedPermissionSet = {
  ai_models?: string[];
  integrations?: string[];
  agent_creation?: boolean | "admin_approval";
  file_upload_limit?: string | number;
  knowledge_base_access?: string[];
};

const SEED_FIELDS = [
  "ai_models",
  "integrations",
  "agent_creation",
  "file_upload_limit",
  "knowledge_base_access",
];

function stringList(value: unknown, field: string): string[] {
  if (
    !Array.isArray(value) ||
    !value.every((v) => typeof v === "string" && v.trim().length > 0 && v.length <= 100)
  ) {
    throw new AppError("VALIDATION_FAILED", {
      message: `${field} must be a list of names, e.g. ["gpt-4", "claude-3"].`,
      details: { field },
    });
  }
  return [...new Set(value.map((v: string) => v.trim()))];
}

/** One set in the seed's format (`{"ai_models": [...], "agent_creation": "admin_approval", ...}`) → rules. */
export function rulesFromSeed(document: unknown, where = "permission set"): PermissionSetRules {
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    throw new AppError("VALIDATION_FAILED", { message: `${where} must be a JSON object.` });
  }
  const unknown = Object.keys(document).filter((key) => !SEED_FIELDS.includes(key));
  if (unknown.length > 0) {
    throw new AppError("VALIDATION_FAILED", {
      message: `${where} has unknown field(s): ${unknown.join(", ")}. Known: ${SEED_FIELDS.join(", ")}.`,
      details: { fields: unknown },
    });
  }
  const d = document as Record<string, unknown>;
  let agentCreation: AgentCreation | null = null;
  if (d.agent_creation !== undefined) {
    if (d.agent_creation === true) agentCreation = "allow";
    else if (d.agent_creation === false) agentCreation = "deny";
    else if (d.agent_creation === "admin_approval") agentCreation = "approval";
    else {
      throw new AppError("VALIDATION_FAILED", {
        message: `${where}: agent_creation must be true, false or "admin_approval".`,
        details: { field: "agent_creation" },
      });
    }
  }
  return {
    aiModels: d.ai_models === undefined ? null : stringList(d.ai_models, "ai_models"),
    integrations: d.integrations === undefined ? null : stringList(d.integrations, "integrations"),
    agentCreation,
    fileUploadLimitBytes:
      d.file_upload_limit === undefined ? null : parseSize(d.file_upload_limit as string | number),
    knowledgeBaseAccess:
      d.knowledge_base_access === undefined
        ? null
        : stringList(d.knowledge_base_access, "knowledge_base_access"),
  };
}

/** Rules → the seed's format, for export and display. */
export function rulesToSeed(rules: PermissionSetRules): SeedPermissionSet {
  const out: SeedPermissionSet = {};
  if (rules.aiModels) out.ai_models = [...rules.aiModels];
  if (rules.integrations) out.integrations = [...rules.integrations];
  if (rules.agentCreation)
    out.agent_creation =
      rules.agentCreation === "approval" ? "admin_approval" : rules.agentCreation === "allow";
  if (rules.fileUploadLimitBytes !== null)
    out.file_upload_limit = formatSizeExact(rules.fileUploadLimitBytes);
  if (rules.knowledgeBaseAccess) out.knowledge_base_access = [...rules.knowledgeBaseAccess];
  return out;
}

/** The keys of what an org's permission sets can name: its models, integrations and knowledge bases. */
export type CatalogKeys = {
  models: ReadonlySet<string>;
  integrations: ReadonlySet<string>;
  knowledgeBases: ReadonlySet<string>;
};

/** The catalog of an org's policy data (or anything listing its models, integrations and knowledge bases). */
export function catalogKeysOf(data: {
  models: readonly { key: string }[];
  integrations: readonly { key: string }[];
  knowledgeBases: readonly { key: string }[];
}): CatalogKeys {
  const keys = (list: readonly { key: string }[]) => new Set(list.map((item) => item.key));
  return {
    models: keys(data.models),
    integrations: keys(data.integrations),
    knowledgeBases: keys(data.knowledgeBases),
  };
}

/** A list of names to look up: the seed's field it comes from, the names, what exists, a name exempt. */
export type NamedList<F extends string> = [
  field: F,
  names: readonly string[] | null,
  known: ReadonlySet<string>,
  except?: string,
];

/** The names of each list that match nothing known, by field; fields with none left out. */
export function unmatchedIn<F extends string>(lists: readonly NamedList<F>[]): Partial<Record<F, string[]>> {
  const out: Partial<Record<F, string[]>> = {};
  for (const [field, names, known, except] of lists) {
    const missing = (names ?? []).filter((name) => !known.has(name) && name !== except);
    if (missing.length > 0) out[field] = missing;
  }
  return out;
}

/** Names in a set's lists that match nothing in the org, by the seed's field names; fields without any left out. */
export type UnmatchedKeys = Partial<Record<"ai_models" | "integrations" | "knowledge_base_access", string[]>>;

/**
 * The names in a set's lists that match no model, integration or knowledge base of the org (yet): the
 * seed's finance_team lists claude-4 and quickbooks whether or not the org has them. Such a name grants
 * nothing until something with that key exists, so the console and the API point them out rather than
 * refuse the set. `public` in knowledge_base_access means every public knowledge base, never unmatched.
 */
export function unmatchedKeys(rules: PermissionSetRules, catalog: CatalogKeys): UnmatchedKeys {
  return unmatchedIn([
    ["ai_models", rules.aiModels, catalog.models],
    ["integrations", rules.integrations, catalog.integrations],
    ["knowledge_base_access", rules.knowledgeBaseAccess, catalog.knowledgeBases, "public"],
  ]);
}

/**
 * The seed's document of several named sets: `{"marketing_team": {...}, "finance_team": {...}}`.
 * Keys become the sets' keys.
 */
export function parseSeedPermissionSets(document: unknown): { key: string; rules: PermissionSetRules }[] {
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    throw new AppError("VALIDATION_FAILED", {
      message: 'Send the permission sets as a JSON object of named sets: {"marketing_team": {...}}.',
    });
  }
  return Object.entries(document).map(([key, value]) => ({
    key: requireKey(key),
    rules: rulesFromSeed(value, key),
  }));
}

/** Keys name things in JSON documents and checks: lower-case letters, digits, `_`, `-` and `.`. */
export function requireKey(key: string, field = "key"): string {
  const normalized = key.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9_.-]{0,63}$/.test(normalized)) {
    throw new AppError("VALIDATION_FAILED", {
      message: `"${key}" is not a usable ${field}: use 1–64 lower-case letters, digits, _ - or . (e.g. marketing_team).`,
      details: { field },
    });
  }
  return normalized;
}

const CREATION_RANK: Record<AgentCreation, number> = { deny: 0, approval: 1, allow: 2 };

export type EffectiveRules = {
  /** Item → the set that lists it; null: no set mentions the field, so the role's default holds. */
  aiModels: ReadonlyMap<string, string> | null;
  integrations: ReadonlyMap<string, string> | null;
  knowledgeBaseAccess: ReadonlyMap<string, string> | null;
  agentCreation: { mode: AgentCreation; setId: string } | null;
  fileUploadLimit: { bytes: number; setId: string } | null;
};

export const NO_RULES: EffectiveRules = {
  aiModels: null,
  integrations: null,
  knowledgeBaseAccess: null,
  agentCreation: null,
  fileUploadLimit: null,
};

/** Combines the sets that apply to one person (see the rule at the top of this file). */
export function combineRules(sets: readonly { id: string; rules: PermissionSetRules }[]): EffectiveRules {
  if (sets.length === 0) return NO_RULES;
  let aiModels: Map<string, string> | null = null;
  let integrations: Map<string, string> | null = null;
  let knowledgeBaseAccess: Map<string, string> | null = null;
  let agentCreation: EffectiveRules["agentCreation"] = null;
  let fileUploadLimit: EffectiveRules["fileUploadLimit"] = null;
  const union = (current: Map<string, string> | null, list: readonly string[], setId: string) => {
    const next = current ?? new Map<string, string>();
    for (const item of list) if (!next.has(item)) next.set(item, setId);
    return next;
  };
  for (const { id, rules } of sets) {
    if (rules.aiModels) aiModels = union(aiModels, rules.aiModels, id);
    if (rules.integrations) integrations = union(integrations, rules.integrations, id);
    if (rules.knowledgeBaseAccess)
      knowledgeBaseAccess = union(knowledgeBaseAccess, rules.knowledgeBaseAccess, id);
    if (
      rules.agentCreation &&
      (agentCreation === null || CREATION_RANK[rules.agentCreation] > CREATION_RANK[agentCreation.mode])
    ) {
      agentCreation = { mode: rules.agentCreation, setId: id };
    }
    if (
      rules.fileUploadLimitBytes !== null &&
      (fileUploadLimit === null || rules.fileUploadLimitBytes > fileUploadLimit.bytes)
    ) {
      fileUploadLimit = { bytes: rules.fileUploadLimitBytes, setId: id };
    }
  }
  return { aiModels, integrations, knowledgeBaseAccess, agentCreation, fileUploadLimit };
}
