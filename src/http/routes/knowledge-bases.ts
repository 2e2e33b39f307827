import { z } from "zod";
import { createKnowledgeBase } from "../../services/knowledge-bases/create-knowledge-base.js";
import { deleteKnowledgeBase } from "../../services/knowledge-bases/delete-knowledge-base.js";
import { getKnowledgeBase } from "../../services/knowledge-bases/get-knowledge-base.js";
import { listKnowledgeBases } from "../../services/knowledge-bases/list-knowledge-bases.js";
import { updateKnowledgeBase } from "../../services/knowledge-bases/update-knowledge-base.js";
import { serviceContext } from "../auth/guard.js";
import { orgRoute } from "../auth/route-auth.js";
import { decodeCursor, encodeCursor } from "../cursor.js";
import { department, errorResponse, id, orgParams, pageOf, pageQuery } from "../schemas/common.js";
import {
  kbVisibility,
  knowledgeBaseParams,
  knowledgeBaseView,
  resourceKey,
  resourceName,
} from "../schemas/resources.js";
import { type RouteModule, typed } from "./types.js";

/** Knowledge bases: public, department, team or personal (mixus "knowledge_base_access"). */
export const knowledgeBaseRoutes: RouteModule = (app, deps) => {
  const r = typed(app);

  r.get(
    "/api/v1/orgs/:orgId/knowledge-bases",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Knowledge bases"],
        summary: "Knowledge bases the caller may read, oldest first (admins: all)",
        params: orgParams,
        querystring: z.strictObject(pageQuery),
        response: { 200: pageOf(knowledgeBaseView), default: errorResponse },
      },
    },
    async (request) => {
      const page = await listKnowledgeBases(serviceContext(request, deps), {
        orgId: request.params.orgId,
        after: decodeCursor(request.query.cursor),
        limit: request.query.limit,
      });
      return { items: page.items, nextCursor: encodeCursor(page.nextCursor) };
    },
  );

  r.post(
    "/api/v1/orgs/:orgId/knowledge-bases",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Knowledge bases"],
        summary: "Create a knowledge base; the caller owns it",
        description:
          'Personal ones: anyone but a viewer ("Build personal knowledge bases"). Public, department and team ones: org admins ("Manage knowledge bases").',
        params: orgParams,
        body: z.strictObject({
          key: resourceKey,
          name: resourceName,
          visibility: kbVisibility.default("personal"),
          department: department.nullable().optional().describe("For department visibility"),
          teamId: id.nullable().optional().describe("For team visibility"),
        }),
        response: { 201: knowledgeBaseView, default: errorResponse },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await createKnowledgeBase(serviceContext(request, deps), { ...request.params, ...request.body }),
        ),
  );

  r.get(
    "/api/v1/orgs/:orgId/knowledge-bases/:knowledgeBaseId",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Knowledge bases"],
        summary: "One knowledge base (knowledge-bases:read)",
        params: knowledgeBaseParams,
        querystring: z.strictObject({}),
        response: { 200: knowledgeBaseView, default: errorResponse },
      },
    },
    (request) => getKnowledgeBase(serviceContext(request, deps), request.params),
  );

  r.patch(
    "/api/v1/orgs/:orgId/knowledge-bases/:knowledgeBaseId",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Knowledge bases"],
        summary: "Change a knowledge base (knowledge-bases:edit)",
        description: "Changing visibility, department or team is managing knowledge bases: org admins.",
        params: knowledgeBaseParams,
        body: z.strictObject({
          key: resourceKey.optional(),
          name: resourceName.optional(),
          visibility: kbVisibility.optional(),
          department: department.nullable().optional(),
          teamId: id.nullable().optional(),
        }),
        response: { 200: knowledgeBaseView, default: errorResponse },
      },
    },
    (request) => updateKnowledgeBase(serviceContext(request, deps), { ...request.params, ...request.body }),
  );

  r.delete(
    "/api/v1/orgs/:orgId/knowledge-bases/:knowledgeBaseId",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Knowledge bases"],
        summary: "Delete a knowledge base and its team-space and project links (knowledge-bases:edit)",
        params: knowledgeBaseParams,
        response: { 204: z.null(), default: errorResponse },
      },
    },
    async (request, reply) => {
      await deleteKnowledgeBase(serviceContext(request, deps), request.params);
      return reply.status(204).send(null);
    },
  );
};
