import { z } from "zod";
import { approveAgentRequest } from "../../services/agents/approve-agent-request.js";
import { createAgentRequest } from "../../services/agents/create-agent-request.js";
import { denyAgentRequest } from "../../services/agents/deny-agent-request.js";
import { listAgentRequests } from "../../services/agents/list-agent-requests.js";
import { serviceContext } from "../auth/guard.js";
import { orgRoute } from "../auth/route-auth.js";
import { decodeCursor, encodeCursor } from "../cursor.js";
import { errorResponse, orgParams, pageOf, pageQuery } from "../schemas/common.js";
import {
  agentRequestParams,
  agentRequestView,
  requestStatus,
  resourceDescription,
  resourceKey,
  resourceName,
} from "../schemas/resources.js";
import { type RouteModule, typed } from "./types.js";

const statusList = z
  .string()
  .transform((value) => [...new Set(value.split(",").map((part) => part.trim()))])
  .pipe(z.array(requestStatus).min(1))
  .describe("pending, approved or denied; several comma-separated");
const note = z.string().trim().max(2000).nullable().optional().describe("Shown to the requester");

/** Agent creation under `agent_creation: "admin_approval"` (issue 3): people ask, admins decide. */
export const agentRequestRoutes: RouteModule = (app, deps) => {
  const r = typed(app);

  r.get(
    "/api/v1/orgs/:orgId/agent-requests",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Agent requests"],
        summary: "Agent-creation requests, oldest first: admins see all, others their own",
        params: orgParams,
        querystring: z.strictObject({ status: statusList.optional(), ...pageQuery }),
        response: { 200: pageOf(agentRequestView), default: errorResponse },
      },
    },
    async (request) => {
      const page = await listAgentRequests(serviceContext(request, deps), {
        orgId: request.params.orgId,
        statuses: request.query.status ?? null,
        after: decodeCursor(request.query.cursor),
        limit: request.query.limit,
      });
      return { items: page.items, nextCursor: encodeCursor(page.nextCursor) };
    },
  );

  r.post(
    "/api/v1/orgs/:orgId/agent-requests",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Agent requests"],
        summary: "Ask an admin for a personal agent",
        description:
          'Only for people whose permission set says `agent_creation: "admin_approval"`; anyone else is told why not (they may create it themselves, or may not create agents at all).',
        params: orgParams,
        body: z.strictObject({
          agentKey: resourceKey,
          agentName: resourceName,
          description: resourceDescription.nullable().optional(),
        }),
        response: { 201: agentRequestView, default: errorResponse },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await createAgentRequest(serviceContext(request, deps), { ...request.params, ...request.body }),
        ),
  );

  r.post(
    "/api/v1/orgs/:orgId/agent-requests/:requestId/approve",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Agent requests"],
        summary: "Approve (admins): creates the personal agent, owned by the requester",
        params: agentRequestParams,
        body: z
          .strictObject({
            note,
            agentKey: resourceKey.optional().describe("Another key, when the requested one is taken"),
          })
          .nullish(),
        response: { 200: agentRequestView, default: errorResponse },
      },
    },
    (request) =>
      approveAgentRequest(serviceContext(request, deps), { ...request.params, ...(request.body ?? {}) }),
  );

  r.post(
    "/api/v1/orgs/:orgId/agent-requests/:requestId/deny",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Agent requests"],
        summary: "Deny (admins), optionally saying why",
        params: agentRequestParams,
        body: z.strictObject({ note }).nullish(),
        response: { 200: agentRequestView, default: errorResponse },
      },
    },
    (request) =>
      denyAgentRequest(serviceContext(request, deps), { ...request.params, ...(request.body ?? {}) }),
  );
};
