import { z } from "zod";
import { addTeamSpaceResource } from "../../services/team-spaces/add-team-space-resource.js";
import { createTeamSpace } from "../../services/team-spaces/create-team-space.js";
import { deleteTeamSpace } from "../../services/team-spaces/delete-team-space.js";
import { getTeamSpace } from "../../services/team-spaces/get-team-space.js";
import { listTeamSpaces } from "../../services/team-spaces/list-team-spaces.js";
import { removeTeamSpaceResource } from "../../services/team-spaces/remove-team-space-resource.js";
import { setTeamSpaceAccess } from "../../services/team-spaces/set-team-space-access.js";
import { updateTeamSpace } from "../../services/team-spaces/update-team-space.js";
import { serviceContext } from "../auth/guard.js";
import { orgRoute } from "../auth/route-auth.js";
import { decodeCursor, encodeCursor } from "../cursor.js";
import { errorResponse, orgParams, pageOf, pageQuery } from "../schemas/common.js";
import {
  resourceDescription,
  resourceKey,
  resourceName,
  setBody,
  spaceResourceType,
  teamSpaceAccessItem,
  teamSpaceDetailView,
  teamSpaceParams,
  teamSpaceResourceParams,
  teamSpaceResourceResult,
  teamSpaceView,
} from "../schemas/resources.js";
import { type RouteModule, typed } from "./types.js";

/**
 * Team spaces (mixus "Marketing Team Space"): shared agents, files, integrations, chats and knowledge
 * bases, with full / view / none access per team. Members see the spaces their teams reach; arranging
 * them is configuring org policy (admins).
 */
export const teamSpaceRoutes: RouteModule = (app, deps) => {
  const r = typed(app);

  r.get(
    "/api/v1/orgs/:orgId/team-spaces",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Team spaces"],
        summary: "Team spaces the caller's teams reach, oldest first (admins: all)",
        params: orgParams,
        querystring: z.strictObject(pageQuery),
        response: { 200: pageOf(teamSpaceView), default: errorResponse },
      },
    },
    async (request) => {
      const page = await listTeamSpaces(serviceContext(request, deps), {
        orgId: request.params.orgId,
        after: decodeCursor(request.query.cursor),
        limit: request.query.limit,
      });
      return { items: page.items, nextCursor: encodeCursor(page.nextCursor) };
    },
  );

  r.post(
    "/api/v1/orgs/:orgId/team-spaces",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Team spaces"],
        summary: "Create a team space (admins); no team has access until set",
        params: orgParams,
        body: z.strictObject({
          key: resourceKey,
          name: resourceName,
          description: resourceDescription.nullable().optional(),
        }),
        response: { 201: teamSpaceDetailView, default: errorResponse },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createTeamSpace(serviceContext(request, deps), { ...request.params, ...request.body })),
  );

  r.get(
    "/api/v1/orgs/:orgId/team-spaces/:teamSpaceId",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Team spaces"],
        summary: "One team space with its access and resources (team-spaces:view)",
        params: teamSpaceParams,
        querystring: z.strictObject({}),
        response: { 200: teamSpaceDetailView, default: errorResponse },
      },
    },
    (request) => getTeamSpace(serviceContext(request, deps), request.params),
  );

  r.patch(
    "/api/v1/orgs/:orgId/team-spaces/:teamSpaceId",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Team spaces"],
        summary: "Rename or describe a team space (admins)",
        params: teamSpaceParams,
        body: z.strictObject({
          key: resourceKey.optional(),
          name: resourceName.optional(),
          description: resourceDescription.nullable().optional(),
        }),
        response: { 200: teamSpaceDetailView, default: errorResponse },
      },
    },
    (request) => updateTeamSpace(serviceContext(request, deps), { ...request.params, ...request.body }),
  );

  r.delete(
    "/api/v1/orgs/:orgId/team-spaces/:teamSpaceId",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Team spaces"],
        summary: "Delete a team space (admins); the resources in it stay",
        params: teamSpaceParams,
        response: { 204: z.null(), default: errorResponse },
      },
    },
    async (request, reply) => {
      await deleteTeamSpace(serviceContext(request, deps), request.params);
      return reply.status(204).send(null);
    },
  );

  r.put(
    "/api/v1/orgs/:orgId/team-spaces/:teamSpaceId/access",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Team spaces"],
        summary: "Replace which teams reach the space, and how (admins)",
        description:
          'The whole set, e.g. `[{"teamId": "<marketing>", "level": "full"}, {"teamId": "<leadership>", "level": "view"}, {"teamId": "<sales>", "level": "full", "resources": [{"resourceType": "agent", "resourceId": "<content creator>"}]}]` (or `{"items": [...]}`). A team with `resources` reaches only those of the space\'s resources, at its level, and not the space itself; they must be in the space. Teams left out have no access.',
        params: teamSpaceParams,
        body: setBody(teamSpaceAccessItem),
        response: { 200: teamSpaceDetailView, default: errorResponse },
      },
    },
    (request) =>
      setTeamSpaceAccess(serviceContext(request, deps), { ...request.params, access: request.body }),
  );

  r.post(
    "/api/v1/orgs/:orgId/team-spaces/:teamSpaceId/resources",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Team spaces"],
        summary: "Put a resource in the space (admins)",
        description:
          "Agents, integrations and knowledge bases by their Gatehouse id; files and conversations by the AI product's own id. 201 when added, 200 when it was already there.",
        params: teamSpaceParams,
        body: z.strictObject({
          resourceType: spaceResourceType,
          resourceId: z.string().trim().min(1).max(200),
        }),
        response: { 201: teamSpaceResourceResult, 200: teamSpaceResourceResult, default: errorResponse },
      },
    },
    async (request, reply) => {
      const result = await addTeamSpaceResource(serviceContext(request, deps), {
        ...request.params,
        ...request.body,
      });
      return reply.status(result.added ? 201 : 200).send(result);
    },
  );

  r.delete(
    "/api/v1/orgs/:orgId/team-spaces/:teamSpaceId/resources/:resourceType/:resourceId",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Team spaces"],
        summary: "Take a resource out of the space (admins)",
        params: teamSpaceResourceParams,
        response: { 204: z.null(), default: errorResponse },
      },
    },
    async (request, reply) => {
      await removeTeamSpaceResource(serviceContext(request, deps), request.params);
      return reply.status(204).send(null);
    },
  );
};
