import { z } from "zod";
import { ACTIVITY_ACTIONS } from "../../domain/invitation-dashboard.js";
import { getInvitationDashboard } from "../../services/invitations/get-invitation-dashboard.js";
import { serviceContext } from "../auth/guard.js";
import { orgRoute } from "../auth/route-auth.js";
import { compiledSerializerCompiler } from "../compiled-serializer.js";
import { errorResponse, id, noQuery, orgParams, timestamp } from "../schemas/common.js";
import { type RouteModule, typed } from "./types.js";

const count = z.number().int().min(0);
const share = z.object({ count, percent: z.number().int().min(0).max(100) });

export const invitationDashboard = z
  .object({
    generatedAt: timestamp,
    accepted: share,
    pending: share.describe("Pending and not yet expired"),
    expired: share.describe("Expired, including pending invitations past their expiry"),
    revoked: z.object({ count }).describe("Cancelled; outside the percentages"),
    resent: z.object({ count }).describe("Invitations resent at least once"),
    newMembersThisMonth: z
      .object({ count, since: timestamp })
      .describe("Members who joined since the 1st (UTC)"),
    recentActivity: z.array(
      z.object({
        id,
        action: z.enum(ACTIVITY_ACTIONS),
        at: timestamp,
        invitationId: id,
        invitee: z.object({ email: z.string(), name: z.string().nullable() }),
        sentence: z.string().describe('e.g. "Alice Johnson accepted invitation (2 hours ago)"'),
      }),
    ),
    chart: z
      .array(z.object({ day: z.iso.date(), sent: count, accepted: count }))
      .describe("Invitations sent and accepted per UTC day, the last 30 days, oldest first"),
  })
  .meta({ id: "InvitationDashboard" });

export const invitationDashboardRoutes: RouteModule = (app, deps) => {
  const r = typed(app);

  r.get(
    "/api/v1/orgs/:orgId/invitations/dashboard",
    {
      config: { auth: orgRoute("invitations:read") },
      serializerCompiler: compiledSerializerCompiler,
      schema: {
        tags: ["Invitations"],
        summary:
          "The Invitation Dashboard: status overview, resent, new members this month, recent activity, a 30-day chart",
        description:
          "Percentages of accepted, pending and expired add up to 100 (0 each when there are none). Recent Activity lists the latest 20 invitation events, newest first.",
        params: orgParams,
        querystring: noQuery,
        response: { 200: invitationDashboard, default: errorResponse },
      },
    },
    (request) => getInvitationDashboard(serviceContext(request, deps), request.params),
  );
};
