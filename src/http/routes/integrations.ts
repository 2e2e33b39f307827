import { z } from "zod";
import { createIntegration } from "../../services/integrations/create-integration.js";
import { deleteIntegration } from "../../services/integrations/delete-integration.js";
import { getIntegration } from "../../services/integrations/get-integration.js";
import { listIntegrationShares } from "../../services/integrations/list-integration-shares.js";
import { listIntegrations } from "../../services/integrations/list-integrations.js";
import { removeIntegrationShare } from "../../services/integrations/remove-integration-share.js";
import { setIntegrationShares } from "../../services/integrations/set-integration-shares.js";
import { updateIntegration } from "../../services/integrations/update-integration.js";
import { serviceContext } from "../auth/guard.js";
import { orgRoute } from "../auth/route-auth.js";
import { decodeCursor, encodeCursor } from "../cursor.js";
import { errorResponse, id, orgParams, pageOf, pageQuery } from "../schemas/common.js";
import {
  dataScopeName,
  integrationParams,
  integrationShareParams,
  integrationShareView,
  integrationView,
  listOf,
  resourceKey,
  resourceName,
  setBody,
} from "../schemas/resources.js";
import { type RouteModule, typed } from "./types.js";

const dataScopes = z
  .array(dataScopeName)
  .max(50)
  .describe('Named data scopes, e.g. ["read_leads", "read_customers"]; full_access is implied');

/** The org's integration catalog: every member reads it, admins manage it (integrations:manage). */
export const integrationRoutes: RouteModule = (app, deps) => {
  const r = typed(app);

  r.get(
    "/api/v1/orgs/:orgId/integrations",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Integrations"],
        summary: "The org's integrations, oldest first",
        params: orgParams,
        querystring: z.strictObject(pageQuery),
        response: { 200: pageOf(integrationView), default: errorResponse },
      },
    },
    async (request) => {
      const page = await listIntegrations(serviceContext(request, deps), {
        orgId: request.params.orgId,
        after: decodeCursor(request.query.cursor),
        limit: request.query.limit,
      });
      return { items: page.items, nextCursor: encodeCursor(page.nextCursor) };
    },
  );

  r.post(
    "/api/v1/orgs/:orgId/integrations",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Integrations"],
        summary: "Add an integration to the catalog (admins)",
        params: orgParams,
        body: z.strictObject({
          key: resourceKey,
          name: resourceName,
          dataScopes: dataScopes.default([]),
          enabled: z.boolean().default(true),
        }),
        response: { 201: integrationView, default: errorResponse },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createIntegration(serviceContext(request, deps), { ...request.params, ...request.body })),
  );

  r.get(
    "/api/v1/orgs/:orgId/integrations/:integrationId",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Integrations"],
        summary: "One integration",
        params: integrationParams,
        querystring: z.strictObject({}),
        response: { 200: integrationView, default: errorResponse },
      },
    },
    (request) => getIntegration(serviceContext(request, deps), request.params),
  );

  r.patch(
    "/api/v1/orgs/:orgId/integrations/:integrationId",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Integrations"],
        summary: "Change an integration (admins)",
        description: "A data scope a team's share still uses cannot be removed; change that share first.",
        params: integrationParams,
        body: z.strictObject({
          key: resourceKey.optional(),
          name: resourceName.optional(),
          dataScopes: dataScopes.optional(),
          enabled: z.boolean().optional(),
          audience: z
            .enum(["org", "teams"])
            .optional()
            .describe(
              '"org": every member may use it while it has no shares; "teams": only teams with a share. Sharing sets "teams".',
            ),
        }),
        response: { 200: integrationView, default: errorResponse },
      },
    },
    (request) => updateIntegration(serviceContext(request, deps), { ...request.params, ...request.body }),
  );

  r.delete(
    "/api/v1/orgs/:orgId/integrations/:integrationId",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Integrations"],
        summary: "Remove an integration with its shares and team-space and project links (admins)",
        params: integrationParams,
        response: { 204: z.null(), default: errorResponse },
      },
    },
    async (request, reply) => {
      await deleteIntegration(serviceContext(request, deps), request.params);
      return reply.status(204).send(null);
    },
  );

  r.get(
    "/api/v1/orgs/:orgId/integrations/:integrationId/shares",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Integrations"],
        summary: "The teams the integration is shared with, and their data scopes",
        description: "No shares: every member may use it. With shares: only those teams.",
        params: integrationParams,
        querystring: z.strictObject({}),
        response: { 200: listOf(integrationShareView), default: errorResponse },
      },
    },
    async (request) => ({
      items: await listIntegrationShares(serviceContext(request, deps), request.params),
      nextCursor: null,
    }),
  );

  r.put(
    "/api/v1/orgs/:orgId/integrations/:integrationId/shares",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Integrations"],
        summary: "Replace the teams the integration is shared with (admins)",
        description:
          'The whole set: `[{"teamId": "…", "dataScope": "read_leads"}]` (or `{"items": [...]}`). Each data scope is full_access or one of the integration\'s own.',
        params: integrationParams,
        body: setBody(z.strictObject({ teamId: id, dataScope: dataScopeName })),
        response: { 200: listOf(integrationShareView), default: errorResponse },
      },
    },
    async (request) => ({
      items: await setIntegrationShares(serviceContext(request, deps), {
        ...request.params,
        shares: request.body,
      }),
      nextCursor: null,
    }),
  );

  r.delete(
    "/api/v1/orgs/:orgId/integrations/:integrationId/shares/:teamId",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Integrations"],
        summary: "Stop sharing the integration with one team (admins)",
        params: integrationShareParams,
        response: { 204: z.null(), default: errorResponse },
      },
    },
    async (request, reply) => {
      await removeIntegrationShare(serviceContext(request, deps), request.params);
      return reply.status(204).send(null);
    },
  );
};
