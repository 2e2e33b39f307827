import { AppError } from "../errors.js";
import { type AgentCreation, type CatalogKeys, unmatchedIn } from "./permission-sets.js";
import { parseSize } from "./sizes.js";

// The seed's Bulk Permission Update document (mixus: `{"operation": "update_permissions", "filter":
// {...}, "changes": {...}}`): its changes read into MassChanges, refused with a message that names the
// field when they make no sense. What the changes do to people is mass-update.ts.

/** The seed's "changes" object, field names as written in the mixus guide. */
export type SeedMassChanges = {
  add_integrations?: string[];
  remove_integrations?: string[];
  ai_model_access?: string[];
  add_ai_models?: string[];
  file_upload_limit?: string | number;
  agent_creation?: boolean | "admin_approval";
  knowledge_base_access?: string[];
  add_knowledge_bases?: string[];
};

export const MASS_CHANGE_FIELDS = [
  "add_integrations",
  "remove_integrations",
  "ai_model_access",
  "add_ai_models",
  "file_upload_limit",
  "agent_creation",
  "knowledge_base_access",
  "add_knowledge_bases",
] as const satisfies readonly (keyof SeedMassChanges)[];

export type MassChanges = {
  addIntegrations: readonly string[] | null;
  removeIntegrations: readonly string[] | null;
  /** Replaces the person's own model list. */
  aiModelAccess: readonly string[] | null;
  addAiModels: readonly string[] | null;
  fileUploadLimitBytes: number | null;
  agentCreation: AgentCreation | null;
  /** Replaces the person's own knowledge-base list. */
  knowledgeBaseAccess: readonly string[] | null;
  addKnowledgeBases: readonly string[] | null;
};

/** Names in the changes' lists that match nothing in the org yet, by the seed's field names. */
export type UnmatchedChangeKeys = Partial<
  Record<
    | "add_integrations"
    | "ai_model_access"
    | "add_ai_models"
    | "knowledge_base_access"
    | "add_knowledge_bases",
    string[]
  >
>;

/**
 * What the changes would give that the org does not have (yet): the seed's update adds instagram and
 * tiktok, which grant nothing until integrations with those keys exist. Removals are left out: taking
 * away what does not exist changes nothing.
 */
export function unmatchedChangeKeys(changes: MassChanges, catalog: CatalogKeys): UnmatchedChangeKeys {
  return unmatchedIn<keyof UnmatchedChangeKeys>([
    ["add_integrations", changes.addIntegrations, catalog.integrations],
    ["ai_model_access", changes.aiModelAccess, catalog.models],
    ["add_ai_models", changes.addAiModels, catalog.models],
    ["knowledge_base_access", changes.knowledgeBaseAccess, catalog.knowledgeBases, "public"],
    ["add_knowledge_bases", changes.addKnowledgeBases, catalog.knowledgeBases, "public"],
  ]);
}

const MAX_LIST = 200;

function list(value: string[] | undefined, field: string): string[] | null {
  if (value === undefined) return null;
  const items = [...new Set(value.map((v) => v.trim()))];
  if (items.some((v) => v.length === 0 || v.length > 100) || items.length > MAX_LIST) {
    throw new AppError("VALIDATION_FAILED", {
      message: `${field} must be a list of up to ${MAX_LIST} names, e.g. ["instagram", "tiktok"].`,
      details: { field },
    });
  }
  return items;
}

/** The seed's changes → MassChanges; refuses an empty or self-contradicting change. */
export function massChangesFromSeed(seed: SeedMassChanges): MassChanges {
  const unknown = Object.keys(seed).filter((k) => !(MASS_CHANGE_FIELDS as readonly string[]).includes(k));
  if (unknown.length > 0) {
    throw new AppError("VALIDATION_FAILED", {
      message: `changes has unknown field(s): ${unknown.join(", ")}. Known: ${MASS_CHANGE_FIELDS.join(", ")}.`,
      details: { fields: unknown },
    });
  }
  if (Object.keys(seed).length === 0) {
    throw new AppError("VALIDATION_FAILED", {
      message: `changes is empty: name at least one of ${MASS_CHANGE_FIELDS.join(", ")}.`,
      details: { field: "changes" },
    });
  }
  const changes: MassChanges = {
    addIntegrations: list(seed.add_integrations, "add_integrations"),
    removeIntegrations: list(seed.remove_integrations, "remove_integrations"),
    aiModelAccess: list(seed.ai_model_access, "ai_model_access"),
    addAiModels: list(seed.add_ai_models, "add_ai_models"),
    fileUploadLimitBytes:
      seed.file_upload_limit === undefined ? null : parseSize(seed.file_upload_limit, "file_upload_limit"),
    agentCreation:
      seed.agent_creation === undefined
        ? null
        : seed.agent_creation === "admin_approval"
          ? "approval"
          : seed.agent_creation
            ? "allow"
            : "deny",
    knowledgeBaseAccess: list(seed.knowledge_base_access, "knowledge_base_access"),
    addKnowledgeBases: list(seed.add_knowledge_bases, "add_knowledge_bases"),
  };
  const both = (changes.addIntegrations ?? []).filter((i) => changes.removeIntegrations?.includes(i));
  if (both.length > 0) {
    throw new AppError("VALIDATION_FAILED", {
      message: `${both.join(", ")} is both in add_integrations and remove_integrations. Keep it in one of them.`,
      details: { field: "remove_integrations" },
    });
  }
  return changes;
}
