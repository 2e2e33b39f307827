import { z } from "zod";
import { addTeamMember } from "../../services/teams/add-team-member.js";
import { createTeam } from "../../services/teams/create-team.js";
import { deleteTeam } from "../../services/teams/delete-team.js";
import { getTeam } from "../../services/teams/get-team.js";
import { listTeamMembers } from "../../services/teams/list-team-members.js";
import { listTeams } from "../../services/teams/list-teams.js";
import { removeTeamMember } from "../../services/teams/remove-team-member.js";
import { renameTeam } from "../../services/teams/rename-team.js";
import { updateTeamMember } from "../../services/teams/update-team-member.js";
import { serviceContext } from "../auth/guard.js";
import { orgRoute } from "../auth/route-auth.js";
import { errorResponse, id, noQuery, orgParams, teamName, teamRole } from "../schemas/common.js";
import { teamMemberView, teamView } from "../schemas/views.js";
import { type RouteModule, typed } from "./types.js";

const teamParams = z.strictObject({ orgId: id, teamId: id });
const teamMemberParams = z.strictObject({ orgId: id, teamId: id, userId: id });
const teamMembership = z.object({ teamId: id, userId: id, role: teamRole });

export const teamRoutes: RouteModule = (app, deps) => {
  const r = typed(app);

  r.get(
    "/api/v1/orgs/:orgId/teams",
    {
      config: { auth: orgRoute("teams:read") },
      schema: {
        tags: ["Teams"],
        summary: "Teams of the organization",
        params: orgParams,
        querystring: noQuery,
        response: {
          200: z.object({ items: z.array(teamView), nextCursor: z.null() }),
          default: errorResponse,
        },
      },
    },
    async (request) => ({
      items: await listTeams(serviceContext(request, deps), request.params),
      nextCursor: null,
    }),
  );

  r.post(
    "/api/v1/orgs/:orgId/teams",
    {
      config: { auth: orgRoute("teams:create") },
      schema: {
        tags: ["Teams"],
        summary: "Create a team (admins; Business and Enterprise). The creator becomes its owner.",
        params: orgParams,
        body: z.strictObject({ name: teamName }),
        response: { 201: teamView, default: errorResponse },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createTeam(serviceContext(request, deps), { ...request.params, ...request.body })),
  );

  r.get(
    "/api/v1/orgs/:orgId/teams/:teamId",
    {
      config: { auth: orgRoute("teams:read", { teamScoped: true }) },
      schema: {
        tags: ["Teams"],
        summary: "One team",
        params: teamParams,
        querystring: noQuery,
        response: { 200: teamView, default: errorResponse },
      },
    },
    (request) => getTeam(serviceContext(request, deps), request.params),
  );

  r.patch(
    "/api/v1/orgs/:orgId/teams/:teamId",
    {
      config: { auth: orgRoute("teams:update", { teamScoped: true }) },
      schema: {
        tags: ["Teams"],
        summary: "Rename a team (org admins, team owners and admins)",
        params: teamParams,
        body: z.strictObject({ name: teamName }),
        response: { 200: z.object({ id, name: z.string() }), default: errorResponse },
      },
    },
    (request) => renameTeam(serviceContext(request, deps), { ...request.params, ...request.body }),
  );

  r.delete(
    "/api/v1/orgs/:orgId/teams/:teamId",
    {
      config: { auth: orgRoute("teams:delete") },
      schema: {
        tags: ["Teams"],
        summary: "Delete a team (admins); the default team stays",
        params: teamParams,
        response: { 204: z.null(), default: errorResponse },
      },
    },
    async (request, reply) => {
      await deleteTeam(serviceContext(request, deps), request.params);
      return reply.status(204).send(null);
    },
  );

  r.get(
    "/api/v1/orgs/:orgId/teams/:teamId/members",
    {
      config: { auth: orgRoute("team-members:read", { teamScoped: true }) },
      schema: {
        tags: ["Teams"],
        summary: "Members of a team with their team roles",
        params: teamParams,
        querystring: noQuery,
        response: {
          200: z.object({ items: z.array(teamMemberView), nextCursor: z.null() }),
          default: errorResponse,
        },
      },
    },
    async (request) => ({
      items: await listTeamMembers(serviceContext(request, deps), request.params),
      nextCursor: null,
    }),
  );

  r.post(
    "/api/v1/orgs/:orgId/teams/:teamId/members",
    {
      config: { auth: orgRoute("team-members:manage", { teamScoped: true }) },
      schema: {
        tags: ["Teams"],
        summary: "Add an org member to a team (org admins, team owners; team admins up to admin)",
        params: teamParams,
        body: z.strictObject({ userId: id, role: teamRole.default("member") }),
        response: { 201: teamMembership, default: errorResponse },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await addTeamMember(serviceContext(request, deps), { ...request.params, ...request.body })),
  );

  r.patch(
    "/api/v1/orgs/:orgId/teams/:teamId/members/:userId",
    {
      config: { auth: orgRoute("team-members:manage", { teamScoped: true }) },
      schema: {
        tags: ["Teams"],
        summary: "Change someone's team role",
        params: teamMemberParams,
        body: z.strictObject({ role: teamRole }),
        response: { 200: teamMembership, default: errorResponse },
      },
    },
    (request) => updateTeamMember(serviceContext(request, deps), { ...request.params, ...request.body }),
  );

  r.delete(
    "/api/v1/orgs/:orgId/teams/:teamId/members/:userId",
    {
      config: { auth: orgRoute("team-members:manage", { teamScoped: true }) },
      schema: {
        tags: ["Teams"],
        summary: "Take someone out of a team",
        params: teamMemberParams,
        response: { 204: z.null(), default: errorResponse },
      },
    },
    async (request, reply) => {
      await removeTeamMember(serviceContext(request, deps), request.params);
      return reply.status(204).send(null);
    },
  );
};
