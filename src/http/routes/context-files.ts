import { z } from "zod";
import { createContextFile } from "../../services/context-files/create-context-file.js";
import { deleteContextFile } from "../../services/context-files/delete-context-file.js";
import { getContextFile } from "../../services/context-files/get-context-file.js";
import { listContextFiles } from "../../services/context-files/list-context-files.js";
import { updateContextFile } from "../../services/context-files/update-context-file.js";
import { serviceContext } from "../auth/guard.js";
import { orgRoute } from "../auth/route-auth.js";
import { decodeCursor, encodeCursor } from "../cursor.js";
import { errorResponse, id, orgParams, pageOf, pageQuery } from "../schemas/common.js";
import {
  agentScope,
  contextFileParams,
  contextFileView,
  resourceDescription,
  resourceName,
} from "../schemas/resources.js";
import { type RouteModule, typed } from "./types.js";

/** auxot: personal / team / org-scoped context files, decided by context-files:create / read / edit. */
export const contextFileRoutes: RouteModule = (app, deps) => {
  const r = typed(app);

  r.get(
    "/api/v1/orgs/:orgId/context-files",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Context files"],
        summary: "Context files the caller may read, oldest first (admins: all)",
        params: orgParams,
        querystring: z.strictObject(pageQuery),
        response: { 200: pageOf(contextFileView), default: errorResponse },
      },
    },
    async (request) => {
      const page = await listContextFiles(serviceContext(request, deps), {
        orgId: request.params.orgId,
        after: decodeCursor(request.query.cursor),
        limit: request.query.limit,
      });
      return { items: page.items, nextCursor: encodeCursor(page.nextCursor) };
    },
  );

  r.post(
    "/api/v1/orgs/:orgId/context-files",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Context files"],
        summary: "Add a context file; the caller owns it",
        description:
          "A User creates Personal context files, a team's Admins and Owners create Team-scoped ones for that team, org Admins create Org-scoped ones (auxot seed).",
        params: orgParams,
        body: z.strictObject({
          name: resourceName,
          description: resourceDescription.nullable().optional(),
          scope: agentScope.default("personal"),
          teamId: id.nullable().optional().describe("The team of a team-scoped file"),
        }),
        response: { 201: contextFileView, default: errorResponse },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createContextFile(serviceContext(request, deps), { ...request.params, ...request.body })),
  );

  r.get(
    "/api/v1/orgs/:orgId/context-files/:fileId",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Context files"],
        summary: "One context file (context-files:read)",
        params: contextFileParams,
        querystring: z.strictObject({}),
        response: { 200: contextFileView, default: errorResponse },
      },
    },
    (request) => getContextFile(serviceContext(request, deps), request.params),
  );

  r.patch(
    "/api/v1/orgs/:orgId/context-files/:fileId",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Context files"],
        summary: "Change a context file (context-files:edit)",
        description: "Moving it to another scope or team also needs the right to create a file there.",
        params: contextFileParams,
        body: z.strictObject({
          name: resourceName.optional(),
          description: resourceDescription.nullable().optional(),
          scope: agentScope.optional(),
          teamId: id.nullable().optional(),
        }),
        response: { 200: contextFileView, default: errorResponse },
      },
    },
    (request) => updateContextFile(serviceContext(request, deps), { ...request.params, ...request.body }),
  );

  r.delete(
    "/api/v1/orgs/:orgId/context-files/:fileId",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Context files"],
        summary: "Delete a context file (context-files:edit)",
        params: contextFileParams,
        response: { 204: z.null(), default: errorResponse },
      },
    },
    async (request, reply) => {
      await deleteContextFile(serviceContext(request, deps), request.params);
      return reply.status(204).send(null);
    },
  );
};
