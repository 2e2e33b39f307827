import { z } from "zod";
import { createModel } from "../../services/models/create-model.js";
import { deleteModel } from "../../services/models/delete-model.js";
import { listModels } from "../../services/models/list-models.js";
import { updateModel } from "../../services/models/update-model.js";
import { serviceContext } from "../auth/guard.js";
import { orgRoute } from "../auth/route-auth.js";
import { decodeCursor, encodeCursor } from "../cursor.js";
import { errorResponse, orgParams, pageOf, pageQuery } from "../schemas/common.js";
import { modelParams, modelView, resourceKey, resourceName } from "../schemas/resources.js";
import { type RouteModule, typed } from "./types.js";

const provider = z.string().trim().min(1).max(100).describe("e.g. openai, anthropic");

/** The org's AI model catalog: every member reads it, admins configure it (models:configure). */
export const modelRoutes: RouteModule = (app, deps) => {
  const r = typed(app);

  r.get(
    "/api/v1/orgs/:orgId/models",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Models"],
        summary: "The org's AI models, oldest first",
        params: orgParams,
        querystring: z.strictObject(pageQuery),
        response: { 200: pageOf(modelView), default: errorResponse },
      },
    },
    async (request) => {
      const page = await listModels(serviceContext(request, deps), {
        orgId: request.params.orgId,
        after: decodeCursor(request.query.cursor),
        limit: request.query.limit,
      });
      return { items: page.items, nextCursor: encodeCursor(page.nextCursor) };
    },
  );

  r.post(
    "/api/v1/orgs/:orgId/models",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Models"],
        summary: "Add a model to the catalog (admins)",
        description: "The key is what permission sets' ai_models name, e.g. gpt-4.",
        params: orgParams,
        body: z.strictObject({
          key: resourceKey,
          name: resourceName,
          provider: provider.nullable().optional(),
          enabled: z.boolean().default(true),
        }),
        response: { 201: modelView, default: errorResponse },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createModel(serviceContext(request, deps), { ...request.params, ...request.body })),
  );

  r.patch(
    "/api/v1/orgs/:orgId/models/:modelId",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Models"],
        summary: "Change a model, or turn it on or off for everyone (admins)",
        params: modelParams,
        body: z.strictObject({
          key: resourceKey.optional(),
          name: resourceName.optional(),
          provider: provider.nullable().optional(),
          enabled: z.boolean().optional(),
        }),
        response: { 200: modelView, default: errorResponse },
      },
    },
    (request) => updateModel(serviceContext(request, deps), { ...request.params, ...request.body }),
  );

  r.delete(
    "/api/v1/orgs/:orgId/models/:modelId",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Models"],
        summary: "Remove a model from the catalog (admins)",
        params: modelParams,
        response: { 204: z.null(), default: errorResponse },
      },
    },
    async (request, reply) => {
      await deleteModel(serviceContext(request, deps), request.params);
      return reply.status(204).send(null);
    },
  );
};
