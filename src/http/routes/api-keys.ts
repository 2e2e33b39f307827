import { z } from "zod";
import { createApiKey } from "../../services/api-keys/create-api-key.js";
import { listApiKeys } from "../../services/api-keys/list-api-keys.js";
import { revokeApiKey } from "../../services/api-keys/revoke-api-key.js";
import { serviceContext } from "../auth/guard.js";
import { orgRoute } from "../auth/route-auth.js";
import { errorResponse, id, noQuery, orgParams } from "../schemas/common.js";
import { type RouteModule, typed } from "./types.js";

const apiKeyView = z
  .object({
    id,
    kind: z.enum(["personal", "team"]),
    name: z.string(),
    prefix: z.string(),
    userId: id.nullable(),
    userName: z.string().nullable(),
    teamId: id.nullable(),
    teamName: z.string().nullable(),
    scopes: z.array(z.string()).nullable(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
    revokedReason: z.string().nullable(),
    status: z.enum(["active", "expired", "revoked"]),
  })
  .meta({ id: "ApiKey" });

export const apiKeyRoutes: RouteModule = (app, deps) => {
  const r = typed(app);

  r.get(
    "/api/v1/orgs/:orgId/api-keys",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["API keys"],
        summary:
          "API keys the caller may see: admins all; others their own and their teams' (as team admin or owner)",
        params: orgParams,
        querystring: noQuery,
        response: {
          200: z.object({ items: z.array(apiKeyView), nextCursor: z.null() }),
          default: errorResponse,
        },
      },
    },
    async (request) => ({
      items: await listApiKeys(serviceContext(request, deps), request.params),
      nextCursor: null,
    }),
  );

  r.post(
    "/api/v1/orgs/:orgId/api-keys",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["API keys"],
        summary:
          "Create a personal key (acts as you) or a team key (acts as the team). The secret is shown once.",
        params: orgParams,
        body: z.strictObject({
          kind: z.enum(["personal", "team"]),
          name: z.string().trim().min(1).max(100),
          teamId: id.nullable().optional(),
          scopes: z
            .array(z.string().min(1).max(100))
            .max(100)
            .nullable()
            .optional()
            .describe("actions the key may be used for; null: all its holder may do"),
          expiresInDays: z.number().int().min(1).max(3650).nullable().optional(),
        }),
        response: {
          201: z.object({ apiKey: apiKeyView, secret: z.string().describe("shown once: store it now") }),
          default: errorResponse,
        },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await createApiKey(serviceContext(request, deps), { orgId: request.params.orgId, ...request.body }),
        ),
  );

  r.delete(
    "/api/v1/orgs/:orgId/api-keys/:keyId",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["API keys"],
        summary: "Revoke a key: it stops working on the next request, on every instance",
        params: z.strictObject({ orgId: id, keyId: id }),
        response: { 200: z.object({ apiKey: apiKeyView }), default: errorResponse },
      },
    },
    async (request) => ({ apiKey: await revokeApiKey(serviceContext(request, deps), request.params) }),
  );
};
