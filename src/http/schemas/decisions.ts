import { z } from "zod";
import { RESOURCE_TYPES } from "../../domain/access/catalog.js";
import { REASON_CODES } from "../../domain/access/decision.js";
import { AGENT_SCOPES } from "../../domain/access/policy-data.js";

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

export const checkRequest = z
  .strictObject({
    subject: checkSubject.optional(),
    action: z.string().min(1).max(100).describe("an action from GET /api/v1/capabilities, e.g. agents:run"),
    resource: checkResource,
    context: checkContext.optional(),
  })
  .meta({ id: "CheckRequest" });

export const via = z
  .record(z.string(), z.unknown())
  .describe("a grant that decided: role, team_role, share, team_space, project, permission_set, …");

export const decision = z
  .object({
    allowed: z.boolean(),
    reason: z.object({ code: z.enum(REASON_CODES), message: z.string() }),
    via: z.array(via),
    expiresAt: z.string().optional().describe("when the access that allowed it ends by itself (a project)"),
  })
  .meta({ id: "Decision" });

export const MAX_BATCH = 1000;

export const batchRequest = z.strictObject({ checks: z.array(checkRequest).min(1).max(MAX_BATCH) });

export const batchResult = z.union([
  decision,
  z
    .object({ error: z.object({ code: z.string(), message: z.string() }) })
    .describe("this check could not be decided"),
]);
