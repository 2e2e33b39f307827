import { z } from "zod";
import { createAgent } from "../../services/agents/create-agent.js";
import { deleteAgent } from "../../services/agents/delete-agent.js";
import { getAgent } from "../../services/agents/get-agent.js";
import { listAgentShares } from "../../services/agents/list-agent-shares.js";
import { listAgents } from "../../services/agents/list-agents.js";
import { removeAgentShare } from "../../services/agents/remove-agent-share.js";
import { setAgentShares } from "../../services/agents/set-agent-shares.js";
import { updateAgent } from "../../services/agents/update-agent.js";
import { serviceContext } from "../auth/guard.js";
import { orgRoute } from "../auth/route-auth.js";
import { decodeCursor, encodeCursor } from "../cursor.js";
import { errorResponse, id, orgParams, pageOf, pageQuery } from "../schemas/common.js";
import {
  agentParams,
  agentScope,
  agentShareParams,
  agentShareView,
  agentView,
  listOf,
  resourceDescription,
  resourceKey,
  resourceName,
  setBody,
  shareLevel,
} from "../schemas/resources.js";
import { type RouteModule, typed } from "./types.js";

/**
 * Every route lets org members and viewers in (`org:read`); each use case then decides with the
 * capability table (agents:create / view / edit / delete / share), as the decision API would.
 */
export const agentRoutes: RouteModule = (app, deps) => {
  const r = typed(app);

  r.get(
    "/api/v1/orgs/:orgId/agents",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Agents"],
        summary: "Agents the caller may see, oldest first (admins: all)",
        params: orgParams,
        querystring: z.strictObject(pageQuery),
        response: { 200: pageOf(agentView), default: errorResponse },
      },
    },
    async (request) => {
      const page = await listAgents(serviceContext(request, deps), {
        orgId: request.params.orgId,
        after: decodeCursor(request.query.cursor),
        limit: request.query.limit,
      });
      return { items: page.items, nextCursor: encodeCursor(page.nextCursor) };
    },
  );

  r.post(
    "/api/v1/orgs/:orgId/agents",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Agents"],
        summary: "Create an agent; the caller owns it",
        description:
          'Personal agents: anyone but a viewer. Team agents: that team\'s admins and owners. Org agents: org admins. A permission set with `agent_creation: "admin_approval"` refuses with FORBIDDEN and `details.reason: APPROVAL_REQUIRED`: file POST /agent-requests instead.',
        params: orgParams,
        body: z.strictObject({
          key: resourceKey,
          name: resourceName,
          description: resourceDescription.nullable().optional(),
          scope: agentScope.default("personal"),
          teamId: id.nullable().optional().describe("The team of a team-scoped agent"),
        }),
        response: { 201: agentView, default: errorResponse },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createAgent(serviceContext(request, deps), { ...request.params, ...request.body })),
  );

  r.get(
    "/api/v1/orgs/:orgId/agents/:agentId",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Agents"],
        summary: "One agent (agents:view)",
        params: agentParams,
        querystring: z.strictObject({}),
        response: { 200: agentView, default: errorResponse },
      },
    },
    (request) => getAgent(serviceContext(request, deps), request.params),
  );

  r.patch(
    "/api/v1/orgs/:orgId/agents/:agentId",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Agents"],
        summary: "Change an agent (agents:edit: full access to it)",
        description: "Moving it to another scope or team also needs the right to create an agent there.",
        params: agentParams,
        body: z.strictObject({
          key: resourceKey.optional(),
          name: resourceName.optional(),
          description: resourceDescription.nullable().optional(),
          scope: agentScope.optional(),
          teamId: id.nullable().optional(),
        }),
        response: { 200: agentView, default: errorResponse },
      },
    },
    (request) => updateAgent(serviceContext(request, deps), { ...request.params, ...request.body }),
  );

  r.delete(
    "/api/v1/orgs/:orgId/agents/:agentId",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Agents"],
        summary: "Delete an agent with its shares and team-space and project links (agents:delete)",
        params: agentParams,
        response: { 204: z.null(), default: errorResponse },
      },
    },
    async (request, reply) => {
      await deleteAgent(serviceContext(request, deps), request.params);
      return reply.status(204).send(null);
    },
  );

  r.get(
    "/api/v1/orgs/:orgId/agents/:agentId/shares",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Agents"],
        summary: "The teams an agent is shared with, and at which level",
        params: agentParams,
        querystring: z.strictObject({}),
        response: { 200: listOf(agentShareView), default: errorResponse },
      },
    },
    async (request) => ({
      items: await listAgentShares(serviceContext(request, deps), request.params),
      nextCursor: null,
    }),
  );

  r.put(
    "/api/v1/orgs/:orgId/agents/:agentId/shares",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Agents"],
        summary: "Replace the teams an agent is shared with (agents:share)",
        description:
          'The whole set: `[{"teamId": "…", "level": "run_only"}]` (or `{"items": [...]}` as GET returns it). Teams left out lose their share; `[]` unshares it.',
        params: agentParams,
        body: setBody(z.strictObject({ teamId: id, level: shareLevel })),
        response: { 200: listOf(agentShareView), default: errorResponse },
      },
    },
    async (request) => ({
      items: await setAgentShares(serviceContext(request, deps), { ...request.params, shares: request.body }),
      nextCursor: null,
    }),
  );

  r.delete(
    "/api/v1/orgs/:orgId/agents/:agentId/shares/:teamId",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Agents"],
        summary: "Stop sharing an agent with one team (agents:share)",
        params: agentShareParams,
        response: { 204: z.null(), default: errorResponse },
      },
    },
    async (request, reply) => {
      await removeAgentShare(serviceContext(request, deps), request.params);
      return reply.status(204).send(null);
    },
  );
};
