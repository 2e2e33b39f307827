import { z } from "zod";
import type { GroupMappingRule } from "../../domain/identity/group-mapping.js";
import { getGroupMapping } from "../../services/directory/get-group-mapping.js";
import { previewGroupMapping } from "../../services/directory/preview-group-mapping.js";
import { setGroupMapping } from "../../services/directory/set-group-mapping.js";
import { serviceContext } from "../auth/guard.js";
import { orgRoute } from "../auth/route-auth.js";
import { department, errorResponse, id, orgParams, orgRole, teamRole } from "../schemas/common.js";
import { type RouteModule, typed } from "./types.js";

const rule = z.strictObject({
  group: z
    .string()
    .trim()
    .min(1)
    .max(256)
    .describe("The directory group's name as the identity provider sends it"),
  role: orgRole
    .nullable()
    .default(null)
    .describe("Org role for members of the group; null leaves the role alone"),
  teamId: id.nullable().default(null).describe("A team whose membership follows the group"),
  teamRole: teamRole.nullable().default(null).describe("Role in that team (default member)"),
  department: department.nullable().default(null).describe("Department for members of the group"),
});

const rulesBody = z.strictObject({ rules: z.array(rule).max(500) });
const ruleView = z.object({
  group: z.string(),
  role: orgRole.nullable(),
  teamId: z.string().nullable(),
  teamRole: teamRole.nullable(),
  department: z.string().nullable(),
});
const memberChange = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  groups: z.array(z.string()),
  role: z.object({ from: orgRole, to: orgRole }).nullable(),
  department: z.object({ from: z.string().nullable(), to: z.string() }).nullable(),
  teams: z.array(
    z.object({
      teamId: z.string(),
      teamName: z.string(),
      from: teamRole.nullable(),
      to: teamRole.nullable(),
    }),
  ),
});

const MAPPING_RULES =
  "The highest org role among a person's groups applies (no group with a role: the role is left alone). " +
  "A team named by any rule follows the groups: members are added, changed and removed with them; other teams are left alone. " +
  "The first rule with a department sets it. The last admin and a team's last owner are never removed by the directory.";

/** Directory groups -> org role, teams and department: one mapping for SSO and SCIM. */
export const groupMappingRoutes: RouteModule = (app, deps) => {
  const r = typed(app);

  r.get(
    "/api/v1/orgs/:orgId/group-mapping",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Directory"],
        summary: "The directory group mapping",
        description: `${MAPPING_RULES} Needs sso:configure (admins).`,
        params: orgParams,
        response: { 200: z.object({ rules: z.array(ruleView) }), default: errorResponse },
      },
    },
    (request) => getGroupMapping(serviceContext(request, deps), request.params),
  );

  r.post(
    "/api/v1/orgs/:orgId/group-mapping/preview",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Directory"],
        summary: "Who would gain and lose what under a proposed mapping",
        description:
          "Compares every member whose directory groups are known (from SSO sign-ins and SCIM) with what the proposed rules would give them. Writes nothing.",
        params: orgParams,
        body: rulesBody,
        response: {
          200: z.object({ members: z.array(memberChange), membersChecked: z.number().int() }),
          default: errorResponse,
        },
      },
    },
    (request) =>
      previewGroupMapping(serviceContext(request, deps), {
        ...request.params,
        rules: request.body.rules as GroupMappingRule[],
      }),
  );

  r.put(
    "/api/v1/orgs/:orgId/group-mapping",
    {
      config: { auth: orgRoute("org:read") },
      schema: {
        tags: ["Directory"],
        summary: "Replace the directory group mapping and apply it",
        description: `${MAPPING_RULES} Saving applies the rules at once to every member whose groups are known, in one transaction; changes held back for safety are listed in heldBack.`,
        params: orgParams,
        body: rulesBody,
        response: {
          200: z.object({
            rules: z.array(ruleView),
            applied: z.array(memberChange),
            heldBack: z.array(z.string()),
          }),
          default: errorResponse,
        },
      },
    },
    (request) =>
      setGroupMapping(serviceContext(request, deps), {
        ...request.params,
        rules: request.body.rules as GroupMappingRule[],
      }),
  );
};
