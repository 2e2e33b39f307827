import { z } from "zod";
import {
  createScimToken,
  listScimRequestsOf,
  listScimTokensOf,
  revokeScimToken,
  rotateScimToken,
} from "../../services/scim/scim-tokens.js";
import { serviceContext } from "../auth/guard.js";
import { orgRoute } from "../auth/route-auth.js";
import { errorResponse, id, noQuery, okResponse, orgParams } from "../schemas/common.js";
import { type RouteModule, typed } from "./types.js";

const tokenView = z
  .object({
    id,
    name: z.string(),
    prefix: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    expiresAt: z.string().nullable().describe("set on a rotated token while the overlap lasts"),
    revokedAt: z.string().nullable(),
    active: z.boolean(),
  })
  .meta({ id: "ScimToken" });
const created = z.object({
  token: tokenView,
  secret: z.string().describe("shown once: paste it into the identity provider now"),
  baseUrl: z.string().describe("the SCIM base URL to give the identity provider"),
});
const tokenParams = z.strictObject({ orgId: id, tokenId: id });
const DESCRIPTION = "Needs sso:configure (admins).";

/** SCIM tokens and the provisioning log, for the console (session-authenticated). */
export const scimTokenRoutes: RouteModule = (app, deps) => {
  const r = typed(app);

  r.get(
    "/api/v1/orgs/:orgId/scim/tokens",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["SCIM"],
        summary: "The SCIM base URL and the org's SCIM tokens (never their secrets)",
        description: DESCRIPTION,
        params: orgParams,
        querystring: noQuery,
        response: {
          200: z.object({ baseUrl: z.string(), tokens: z.array(tokenView) }),
          default: errorResponse,
        },
      },
    },
    (request) => listScimTokensOf(serviceContext(request, deps), request.params),
  );

  r.post(
    "/api/v1/orgs/:orgId/scim/tokens",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["SCIM"],
        summary: "Create a SCIM token: the secret is shown once",
        description: DESCRIPTION,
        params: orgParams,
        body: z.strictObject({ name: z.string().trim().min(1).max(100).default("SCIM") }),
        response: { 201: created, default: errorResponse },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createScimToken(serviceContext(request, deps), { ...request.params, ...request.body })),
  );

  r.post(
    "/api/v1/orgs/:orgId/scim/tokens/:tokenId/rotate",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["SCIM"],
        summary: "Rotate a SCIM token: a new secret (shown once); the old one works for overlapMinutes more",
        description: `${DESCRIPTION} overlapMinutes 0 (default) revokes the old token at once; up to 10080 (a week) lets the identity provider be switched over without a failed sync.`,
        params: tokenParams,
        body: z
          .strictObject({ overlapMinutes: z.number().int().min(0).max(10_080).default(0) })
          .default({ overlapMinutes: 0 }),
        response: { 201: created, default: errorResponse },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await rotateScimToken(serviceContext(request, deps), {
          ...request.params,
          overlapMinutes: request.body.overlapMinutes,
        }),
      ),
  );

  r.delete(
    "/api/v1/orgs/:orgId/scim/tokens/:tokenId",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["SCIM"],
        summary: "Revoke a SCIM token: the next SCIM request with it gets 401",
        description: DESCRIPTION,
        params: tokenParams,
        response: { 200: okResponse, default: errorResponse },
      },
    },
    async (request) => {
      await revokeScimToken(serviceContext(request, deps), request.params);
      return { ok: true as const };
    },
  );

  r.get(
    "/api/v1/orgs/:orgId/scim/requests",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["SCIM"],
        summary: "The provisioning log: SCIM requests, newest first",
        description: `${DESCRIPTION} Kept for 30 days.`,
        params: orgParams,
        querystring: z.strictObject({
          before: id.optional().describe("nextBefore of the previous page"),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id,
                at: z.string(),
                method: z.string(),
                path: z.string(),
                status: z.number().int(),
                scimType: z.string().nullable(),
                detail: z.string().nullable(),
                tokenPrefix: z.string().nullable(),
                durationMs: z.number().int(),
              }),
            ),
            nextBefore: z.string().nullable(),
          }),
          default: errorResponse,
        },
      },
    },
    (request) =>
      listScimRequestsOf(serviceContext(request, deps), {
        orgId: request.params.orgId,
        before: request.query.before ?? null,
        limit: request.query.limit,
      }),
  );
};
