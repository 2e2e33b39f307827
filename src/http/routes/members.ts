import { z } from "zod";
import { listMembers } from "../../services/members/list-members.js";
import { removeMember } from "../../services/members/remove-member.js";
import { updateMember } from "../../services/members/update-member.js";
import { serviceContext } from "../auth/guard.js";
import { orgRoute } from "../auth/route-auth.js";
import { compiledSerializerCompiler } from "../compiled-serializer.js";
import { decodeCursor, encodeCursor } from "../cursor.js";
import { department, errorResponse, id, orgRole, pageOf, pageQuery } from "../schemas/common.js";
import { memberView } from "../schemas/views.js";
import { type RouteModule, typed } from "./types.js";

const memberParams = z.strictObject({ orgId: id, userId: id });

export const memberRoutes: RouteModule = (app, deps) => {
  const r = typed(app);

  r.get(
    "/api/v1/orgs/:orgId/members",
    {
      config: { auth: orgRoute("members:read") },
      serializerCompiler: compiledSerializerCompiler,
      schema: {
        tags: ["Members"],
        summary: "Members in join order, with their teams",
        params: z.strictObject({ orgId: id }),
        querystring: z.strictObject(pageQuery),
        response: { 200: pageOf(memberView), default: errorResponse },
      },
    },
    async (request) => {
      const page = await listMembers(serviceContext(request, deps), {
        orgId: request.params.orgId,
        after: decodeCursor(request.query.cursor),
        limit: request.query.limit,
      });
      return { items: page.items, nextCursor: encodeCursor(page.nextCursor) };
    },
  );

  r.patch(
    "/api/v1/orgs/:orgId/members/:userId",
    {
      config: { auth: orgRoute("members:update") },
      schema: {
        tags: ["Members"],
        summary: "Change a member's org role or department (admins); takes effect at once",
        params: memberParams,
        body: z.strictObject({ role: orgRole.optional(), department: department.nullable().optional() }),
        response: {
          200: z.object({ userId: id, role: orgRole, department: z.string().nullable() }),
          default: errorResponse,
        },
      },
    },
    (request) => updateMember(serviceContext(request, deps), { ...request.params, ...request.body }),
  );

  r.delete(
    "/api/v1/orgs/:orgId/members/:userId",
    {
      config: { auth: orgRoute("members:remove") },
      schema: {
        tags: ["Members"],
        summary: "Remove a member (admins); ends their sessions",
        params: memberParams,
        response: { 204: z.null(), default: errorResponse },
      },
    },
    async (request, reply) => {
      await removeMember(serviceContext(request, deps), request.params);
      return reply.status(204).send(null);
    },
  );
};
