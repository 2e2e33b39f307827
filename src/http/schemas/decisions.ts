import { z } from "zod";
import { RESOURCE_TYPES } from "../../domain/access/catalog.js";
import { REASON_CODES } from "../../domain/access/decision.js";
import { AGENT_SCOPES, EXTERNAL_KINDS, SHARE_LEVELS, SPACE_LEVELS } from "../../domain/access/policy-data.js";
import { ORG_ROLES, TEAM_ROLES } from "../../domain/roles.js";

const ref = z.string().min(1).max(200);

export const checkSubject = z
  .strictObject({ type: z.enum(["user", "team"]), id: ref })
  .describe("Whom the check is about; left out, the caller itself (the key's owner or team).");

export const checkResource = z.strictObject({
  type: z.enum(RESOURCE_TYPES),
  id: ref.optional(),
  key: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe("agents, knowledge bases, integrations, models and team spaces also by key"),
  attributes: z
    .strictObject({
      ownerId: ref.optional(),
      teamSpaceId: ref.optional(),
      sharedWithUserIds: z.array(ref).max(1000).optional(),
      sharedWithTeamIds: z.array(ref).max(1000).optional(),
    })
    .optional()
    .describe(
      "For the AI product's own conversations and files: who owns them and whom they are shared with.",
    ),
});

export const checkContext = z.strictObject({
  sizeBytes: z.number().int().min(0).optional().describe("files:upload"),
  dataScope: z.string().min(1).max(100).optional().describe("integrations:use, e.g. read_leads"),
  scope: z.enum(AGENT_SCOPES).optional().describe("agents:create, context-files:create"),
  teamId: ref.optional().describe("agents:create, context-files:create with scope team"),
});

const checkAction = z
  .string()
  .min(1)
  .max(100)
  .describe("an action from GET /api/v1/capabilities, e.g. agents:run");

const checkFields = z.strictObject({
  subject: checkSubject.optional(),
  action: checkAction,
  resource: checkResource,
  context: checkContext.optional(),
});

export const checkRequest = checkFields.meta({ id: "CheckRequest" });

const name = z.string();
export const via = z
  .discriminatedUnion("type", [
    z.object({ type: z.literal("role"), role: z.enum(ORG_ROLES) }),
    z.object({ type: z.literal("team_role"), teamId: ref, teamName: name, role: z.enum(TEAM_ROLES) }),
    z.object({ type: z.literal("owner") }),
    z.object({ type: z.literal("org_wide") }),
    z.object({ type: z.literal("department"), department: name }),
    z.object({
      type: z.literal("share"),
      teamId: ref,
      teamName: name,
      level: z.enum(SHARE_LEVELS),
      dataScope: z.string().optional(),
    }),
    z.object({
      type: z.literal("team_space"),
      teamSpaceId: ref,
      teamSpaceName: name,
      teamId: ref,
      level: z.enum(SPACE_LEVELS),
      reach: z
        .literal("resources")
        .optional()
        .describe("Present when the team's access covers only the space's resources listed for it"),
    }),
    z.object({ type: z.literal("project"), projectId: ref, projectName: name, endsAt: z.string() }),
    z.object({
      type: z.literal("permission_set"),
      setId: ref,
      key: name,
      name,
      from: z.enum(["department", "team", "user"]),
      department: z.string().optional(),
      teamId: ref.optional(),
      value: z.union([z.string(), z.number()]).optional(),
    }),
    z.object({ type: z.literal("api_key"), apiKeyId: ref }),
  ])
  .describe("a grant that decided")
  .meta({ id: "Via" });

export const decision = z
  .object({
    allowed: z.boolean(),
    reason: z.object({ code: z.enum(REASON_CODES), message: z.string() }),
    via: z.array(via),
    expiresAt: z.string().optional().describe("when the access that allowed it ends by itself (a project)"),
  })
  .meta({ id: "Decision" });

export const MAX_BATCH = 1000;

/** A check of a batch: as a single check, but its action and resource may come from the batch. */
const batchCheck = checkFields
  .partial({ action: true, resource: true })
  .meta({ id: "BatchCheck" })
  .describe("A check; subject, action, resource and context left out are the batch's, if it gives them.");

export const batchRequest = z
  .strictObject({
    subject: checkSubject
      .optional()
      .describe("Whom the checks that name no subject are about; left out, the caller itself."),
    action: checkAction.optional().describe("The action of the checks that name none."),
    resource: checkResource.optional().describe("The resource of the checks that name none."),
    context: checkContext
      .optional()
      .describe("The context of the checks that give none (not merged with theirs)."),
    checks: z.array(batchCheck).min(1).max(MAX_BATCH),
  })
  .describe(
    "Checks decided in order. Subject, action, resource and context given beside `checks` are defaults: a check's own field replaces the default whole, as in AuthZEN's evaluations API.",
  );

export const batchResult = z.union([
  decision,
  z
    .object({ error: z.object({ code: z.string(), message: z.string() }) })
    .describe("this check could not be decided"),
]);

const reached = z.object({
  id: ref,
  key: z.string().optional(),
  name,
  actions: z.array(z.string()),
  via: z.array(via),
  expiresAt: z.string().optional(),
});

/** GET …/members/:userId/access: everything a person can reach, and why. */
export const accessReport = z
  .object({
    userId: ref.nullable(),
    name,
    role: z.enum(ORG_ROLES),
    department: z.string().nullable(),
    teams: z.array(z.object({ teamId: ref, name, role: z.enum(TEAM_ROLES) })),
    permissionSets: z.array(
      z.object({ setId: ref, key: name, name, from: z.string(), rules: z.record(z.string(), z.unknown()) }),
    ),
    agentCreation: z.object({ allowed: z.boolean(), code: z.string(), message: z.string() }),
    uploadLimitBytes: z.number().nullable(),
    orgActions: z.array(z.string()),
    agents: z.array(reached),
    models: z.array(reached),
    integrations: z.array(reached.extend({ dataScope: z.string().nullable() })),
    knowledgeBases: z.array(reached),
    contextFiles: z.array(reached),
    teamSpaces: z.array(reached.extend({ level: z.enum(["view", "full"]) })),
    files: z
      .array(
        z.object({
          type: z.enum(EXTERNAL_KINDS),
          id: z.string(),
          actions: z.array(z.string()),
          via: z.array(via),
          expiresAt: z.string().optional(),
        }),
      )
      .describe(
        "The AI product's files and chats that Gatehouse knows by id (held by a team space or a project) and the member reaches",
      ),
    projects: z.array(
      z.object({
        projectId: ref,
        name,
        startsAt: z.string(),
        endsAt: z.string(),
        active: z.boolean(),
        status: z.enum(["scheduled", "active", "ended", "expired"]),
      }),
    ),
  })
  .meta({
    id: "AccessReport",
    description:
      "What the member can reach, and the grant that decided each; agents, models, integrations, knowledge bases, context files and team spaces are listed by name.",
  });
