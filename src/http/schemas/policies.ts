import { z } from "zod";
import { PROJECT_MEMBER_TYPES, PROJECT_RESOURCE_TYPES } from "../../domain/access/policy-data.js";
import { department, id, orgRole, pageQuery, timestamp } from "./common.js";

/** Schemas of the access rules' routes: permission sets, projects, mass permission updates. */

const itemName = z.string().trim().min(1, "must not be empty").max(100);
const itemNames = z.array(itemName).max(200);
const agentCreation = z
  .union([z.boolean(), z.literal("admin_approval")])
  .describe('true, false or "admin_approval" (a request an admin approves)');
const uploadLimit = z
  .union([z.string().max(32), z.number().int().nonnegative()])
  .describe('A size such as "100MB" or "1.5GB" (binary units), or bytes');
const inputTimestamp = z.iso
  .datetime({ offset: true, message: "must be an ISO 8601 date and time, e.g. 2026-07-15T00:00:00Z" })
  .describe("ISO 8601");

/** One set in the seed's format (mixus "Custom Permission Sets"); a field left out is not governed by it. */
export const seedRulesInput = z
  .strictObject({
    ai_models: itemNames.optional(),
    integrations: itemNames.optional(),
    agent_creation: agentCreation.optional(),
    file_upload_limit: uploadLimit.optional(),
    knowledge_base_access: itemNames.optional(),
  })
  .describe("One set in the seed's format; a field left out is not governed by the set");

export const seedRules = z
  .object({
    ai_models: z.array(z.string()).optional(),
    integrations: z.array(z.string()).optional(),
    agent_creation: agentCreation.optional(),
    file_upload_limit: uploadLimit.optional(),
    knowledge_base_access: z.array(z.string()).optional(),
  })
  .meta({ id: "PermissionSetRules" });

const setKey = z
  .string()
  .min(1)
  .max(64)
  .describe("1–64 lower-case letters, digits, _ - or . (e.g. marketing_team); stored lower-cased");
const setName = z.string().trim().min(1, "must not be empty").max(100);
const description = z.string().trim().max(500).nullable();

export const permissionSetView = z
  .object({
    id,
    key: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    kind: z.enum(["shared", "personal"]),
    userId: id.nullable().describe("the person a personal set belongs to"),
    rules: seedRules,
    unmatched: z
      .object({
        ai_models: z.array(z.string()).optional(),
        integrations: z.array(z.string()).optional(),
        knowledge_base_access: z.array(z.string()).optional(),
      })
      .describe(
        "Names in the rules that match no model, integration or knowledge base of the org yet (e.g. the seed's claude-4 where the org has no such model): they grant nothing until one with that key is added. Fields with none are left out; {} when everything matches",
      ),
    assignments: z.object({
      departments: z.array(z.string()),
      teamIds: z.array(id),
      userIds: z.array(id),
    }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: "PermissionSet" });

export const listPermissionSetsQuery = z.strictObject({
  kind: z
    .enum(["shared", "personal"])
    .default("shared")
    .describe("personal: the sets mass updates write (admins see all, others their own)"),
  ...pageQuery,
});

export const createPermissionSetBody = z.strictObject({
  key: setKey,
  name: setName,
  description: description.optional(),
  rules: seedRulesInput,
});

export const updatePermissionSetBody = z
  .strictObject({
    key: setKey.optional(),
    name: setName.optional(),
    description: description.optional(),
    rules: seedRulesInput.optional().describe("replaces the set's rules"),
  })
  .refine((body) => Object.keys(body).length > 0, { message: "name at least one field to change" });

export const importPermissionSetsBody = z
  .record(z.string().max(64), seedRulesInput)
  .describe('The seed\'s document as written: {"marketing_team": {...}, "finance_team": {...}}');

export const importPermissionSetsResult = z
  .object({
    created: z.array(z.string()),
    updated: z.array(z.string()),
    unchanged: z.array(z.string()),
    items: z.array(permissionSetView),
  })
  .meta({ id: "PermissionSetImport" });

export const assignmentsBody = z.strictObject({
  departments: z.array(department).max(200).default([]),
  teamIds: z.array(id).max(500).default([]),
  userIds: z.array(id).max(5000).default([]),
});

export const assignmentsView = z
  .object({
    setId: id,
    departments: z.array(z.string()),
    teams: z.array(z.object({ id, name: z.string() })),
    users: z.array(z.object({ id, name: z.string() })),
  })
  .meta({ id: "PermissionSetAssignments" });

const duration = z.string().max(40).describe('"6 months", "2 weeks", "90 days", "12 hours"');
const projectName = z.string().trim().min(1, "must not be empty").max(100);
const projectMember = z.strictObject({
  type: z.enum(PROJECT_MEMBER_TYPES),
  ref: z.string().trim().min(1).max(64).describe("a user id, a team id or name, or a department label"),
});
const projectResource = z.strictObject({
  type: z.enum(PROJECT_RESOURCE_TYPES),
  id: z.string().trim().min(1).max(200).optional().describe("Gatehouse's id, or the AI product's file id"),
  key: z.string().trim().min(1).max(64).optional().describe("agents, integrations and knowledge bases"),
});

export const projectStatus = z.enum(["scheduled", "active", "ended", "expired"]);

export const projectView = z
  .object({
    id,
    name: z.string(),
    description: z.string().nullable(),
    status: projectStatus,
    startsAt: timestamp,
    endsAt: timestamp,
    endedAt: timestamp.nullable().describe("when an admin ended it early"),
    remainingSeconds: z.number().int().describe("until access ends by itself; 0 once over"),
    remaining: z.string().describe('"5 months 29 days", "3 days 4 hours"; "ended" or "expired" once over'),
    members: z.array(
      z.object({ type: z.enum(PROJECT_MEMBER_TYPES), ref: z.string(), name: z.string().nullable() }),
    ),
    resources: z.array(
      z.object({
        type: z.enum(PROJECT_RESOURCE_TYPES),
        id: z.string(),
        key: z.string().nullable(),
        name: z.string().nullable(),
      }),
    ),
    createdBy: id.nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: "Project" });

export const listProjectsQuery = z.strictObject({ status: projectStatus.optional(), ...pageQuery });

export const createProjectBody = z.strictObject({
  name: projectName,
  description: description.optional(),
  duration: duration.optional(),
  endsAt: inputTimestamp.optional(),
  startsAt: inputTimestamp
    .optional()
    .describe("defaults to now; a later start schedules the project: its access begins then"),
  members: z.array(projectMember).max(500).default([]),
  resources: z.array(projectResource).max(500).default([]),
});

export const updateProjectBody = z
  .strictObject({
    name: projectName.optional(),
    description: description.optional(),
    members: z.array(projectMember).max(500).optional().describe("replaces the members"),
    resources: z.array(projectResource).max(500).optional().describe("replaces the resources"),
  })
  .refine((body) => Object.keys(body).length > 0, { message: "name at least one field to change" });

export const extendProjectBody = z.strictObject({
  duration: duration.optional(),
  endsAt: inputTimestamp.optional(),
});

const usableList = z.union([z.array(z.string()), z.literal("all")]);
const accessSummary = z
  .object({
    aiModels: usableList.describe('"all": every enabled model'),
    integrations: usableList.describe('"all": every enabled integration'),
    knowledgeBaseAccess: z
      .union([z.array(z.string()), z.enum(["all", "default"])])
      .describe("\"default\": no set lists them (public ones, plus their department's and team's)"),
    canUpload: z.boolean(),
    fileUploadLimit: z
      .string()
      .nullable()
      .describe("null: no limit (or no uploads, when canUpload is false)"),
    agentCreation: z.enum(["allowed", "admin_approval", "denied"]),
  })
  .meta({ id: "AccessSummary" });

export const massUpdateBody = z.strictObject({
  operation: z.literal("update_permissions"),
  filter: z
    .strictObject({
      department: department.optional(),
      role: orgRole.optional(),
      team: z.string().trim().min(1).max(64).optional().describe("a team's name or id"),
    })
    .default({})
    .describe("All optional and ANDed; empty: everyone"),
  changes: z.strictObject({
    add_integrations: itemNames.optional(),
    remove_integrations: itemNames.optional(),
    ai_model_access: itemNames.optional().describe("replaces the person's own model list"),
    add_ai_models: itemNames.optional(),
    file_upload_limit: uploadLimit.optional(),
    agent_creation: agentCreation.optional(),
    knowledge_base_access: itemNames.optional().describe("replaces the person's own knowledge-base list"),
    add_knowledge_bases: itemNames.optional(),
  }),
  dryRun: z.boolean().default(true).describe("true (the default): report only, write nothing"),
});

export const massUpdateResult = z
  .object({
    operation: z.literal("update_permissions"),
    dryRun: z.boolean(),
    applied: z.boolean(),
    filter: z.object({
      department: z.string().nullable(),
      role: orgRole.nullable(),
      team: z.object({ id, name: z.string() }).nullable(),
    }),
    changes: z.record(z.string(), z.unknown()),
    matched: z.number().int(),
    changed: z.number().int(),
    written: z.number().int().describe("personal sets written (or, in a dry run, that would be)"),
    unmatched: z
      .object({
        add_integrations: z.array(z.string()).optional(),
        ai_model_access: z.array(z.string()).optional(),
        add_ai_models: z.array(z.string()).optional(),
        knowledge_base_access: z.array(z.string()).optional(),
        add_knowledge_bases: z.array(z.string()).optional(),
      })
      .describe(
        "Names the changes give that match no model, integration or knowledge base of the org yet (e.g. instagram where the org has no such integration): written as given, they grant nothing until one with that key is added. {} when everything matches",
      ),
    people: z.array(
      z.object({
        userId: id,
        name: z.string(),
        role: orgRole,
        department: z.string().nullable(),
        personalSetId: id.nullable(),
        unchanged: z.boolean(),
        changes: z.array(
          z.object({
            field: z.string(),
            before: z.unknown(),
            after: z.unknown(),
            added: z.array(z.string()).optional(),
            removed: z.array(z.string()).optional(),
          }),
        ),
        before: accessSummary,
        after: accessSummary,
        notes: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: "MassPermissionUpdate" });
