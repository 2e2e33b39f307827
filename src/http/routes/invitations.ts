import { z } from "zod";
import { MAX_EXPIRY_DAYS, MIN_EXPIRY_DAYS } from "../../domain/invitation.js";
import { createInvitation } from "../../services/invitations/create-invitation.js";
import { extendInvitation } from "../../services/invitations/extend-invitation.js";
import { getInvitationHistory } from "../../services/invitations/get-invitation-history.js";
import { listInvitations } from "../../services/invitations/list-invitations.js";
import { resendInvitation } from "../../services/invitations/resend-invitation.js";
import { revokeInvitation } from "../../services/invitations/revoke-invitation.js";
import { sendInvitationReminder } from "../../services/invitations/send-invitation-reminder.js";
import { updateInvitation } from "../../services/invitations/update-invitation.js";
import { serviceContext } from "../auth/guard.js";
import { orgRoute } from "../auth/route-auth.js";
import { compiledSerializerCompiler } from "../compiled-serializer.js";
import { decodeCursor, encodeCursor } from "../cursor.js";
import {
  department,
  email,
  errorResponse,
  id,
  invitationStatus,
  noBody,
  noQuery,
  orgParams,
  orgRole,
  pageOf,
  pageQuery,
  teamRole,
} from "../schemas/common.js";
import { historyEntry, invitationView, invitationWithLink } from "../schemas/views.js";
import { type RouteModule, typed } from "./types.js";

const invitationParams = z.strictObject({ orgId: id, invitationId: id });
const statusList = z
  .string()
  .transform((value) => [...new Set(value.split(",").map((part) => part.trim()))])
  .pipe(z.array(invitationStatus).min(1))
  .describe("pending, accepted, expired or revoked; several comma-separated");
const days = z.number().int().min(MIN_EXPIRY_DAYS).max(MAX_EXPIRY_DAYS);

export const invitationRoutes: RouteModule = (app, deps) => {
  const r = typed(app);

  r.post(
    "/api/v1/orgs/:orgId/invitations",
    {
      config: { auth: orgRoute("invitations:create") },
      schema: {
        tags: ["Invitations"],
        summary: "Invite someone (admins). Returns the invite link to copy and share.",
        description:
          "Send an Idempotency-Key header to make retries safe: a retry with the same key and body returns the same invitation with a fresh link instead of INVITATION_PENDING.",
        params: orgParams,
        headers: z.object({ "idempotency-key": z.string().min(1).max(200).optional() }),
        body: z.strictObject({
          email,
          role: orgRole,
          teamId: id
            .nullable()
            .optional()
            .describe("Business and Enterprise; the default team when left out"),
          teamRole: teamRole.nullable().optional().describe("Needs teamId; member when left out"),
          department: department.nullable().optional(),
          message: z
            .string()
            .trim()
            .max(2000)
            .nullable()
            .optional()
            .describe("A personal message for the invitee"),
          expiresInDays: days.default(7),
        }),
        response: { 201: invitationWithLink, 200: invitationWithLink, default: errorResponse },
      },
    },
    async (request, reply) => {
      const { invitation, inviteUrl, replayed } = await createInvitation(serviceContext(request, deps), {
        orgId: request.params.orgId,
        ...request.body,
        idempotencyKey: request.headers["idempotency-key"] ?? null,
      });
      if (replayed) reply.header("Idempotent-Replayed", "true");
      return reply.status(replayed ? 200 : 201).send({ invitation, inviteUrl });
    },
  );

  r.get(
    "/api/v1/orgs/:orgId/invitations",
    {
      config: { auth: orgRoute("invitations:read") },
      serializerCompiler: compiledSerializerCompiler,
      schema: {
        tags: ["Invitations"],
        summary: "Invitations, newest first, optionally by status",
        description:
          "`status` takes one status or several, comma-separated: `?status=pending,expired` is what the console's Active Invites card shows.",
        params: orgParams,
        querystring: z.strictObject({ status: statusList.optional(), ...pageQuery }),
        response: { 200: pageOf(invitationView), default: errorResponse },
      },
    },
    async (request) => {
      const page = await listInvitations(serviceContext(request, deps), {
        orgId: request.params.orgId,
        statuses: request.query.status ?? null,
        before: decodeCursor(request.query.cursor),
        limit: request.query.limit,
      });
      return { items: page.items, nextCursor: encodeCursor(page.nextCursor) };
    },
  );

  r.get(
    "/api/v1/orgs/:orgId/invitations/:invitationId/history",
    {
      config: { auth: orgRoute("invitations:read") },
      schema: {
        tags: ["Invitations"],
        summary: "Every action on an invitation, oldest first",
        params: invitationParams,
        querystring: noQuery,
        response: {
          200: z.object({ items: z.array(historyEntry), nextCursor: z.null() }),
          default: errorResponse,
        },
      },
    },
    async (request) => ({
      items: await getInvitationHistory(serviceContext(request, deps), request.params),
      nextCursor: null,
    }),
  );

  r.patch(
    "/api/v1/orgs/:orgId/invitations/:invitationId",
    {
      config: { auth: orgRoute("invitations:manage") },
      schema: {
        tags: ["Invitations"],
        summary: "Edit a pending invitation's role, team, team role or department",
        params: invitationParams,
        body: z.strictObject({
          role: orgRole.optional(),
          teamId: id.nullable().optional(),
          teamRole: teamRole.nullable().optional(),
          department: department.nullable().optional(),
        }),
        response: { 200: invitationView, default: errorResponse },
      },
    },
    (request) => updateInvitation(serviceContext(request, deps), { ...request.params, ...request.body }),
  );

  r.post(
    "/api/v1/orgs/:orgId/invitations/:invitationId/resend",
    {
      config: { auth: orgRoute("invitations:manage") },
      schema: {
        tags: ["Invitations"],
        summary: "Issue a fresh link with a fresh expiry; the old link stops working",
        params: invitationParams,
        body: noBody,
        response: { 200: invitationWithLink, default: errorResponse },
      },
    },
    async (request) => {
      const { invitation, inviteUrl } = await resendInvitation(serviceContext(request, deps), request.params);
      return { invitation, inviteUrl };
    },
  );

  r.post(
    "/api/v1/orgs/:orgId/invitations/:invitationId/extend",
    {
      config: { auth: orgRoute("invitations:manage") },
      schema: {
        tags: ["Invitations"],
        summary: "Push the expiry out by some days (the link stays the same)",
        params: invitationParams,
        body: z.strictObject({ days }),
        response: { 200: invitationView, default: errorResponse },
      },
    },
    (request) =>
      extendInvitation(serviceContext(request, deps), { ...request.params, days: request.body.days }),
  );

  r.post(
    "/api/v1/orgs/:orgId/invitations/:invitationId/revoke",
    {
      config: { auth: orgRoute("invitations:manage") },
      schema: {
        tags: ["Invitations"],
        summary: "Revoke an invitation; its link stops working at once",
        params: invitationParams,
        body: noBody,
        response: { 200: invitationView, default: errorResponse },
      },
    },
    (request) => revokeInvitation(serviceContext(request, deps), request.params),
  );

  r.post(
    "/api/v1/orgs/:orgId/invitations/:invitationId/remind",
    {
      config: { auth: orgRoute("invitations:manage") },
      schema: {
        tags: ["Invitations"],
        summary: "Send reminder: email the current link again (needs SMTP_URL; pending invitations only)",
        params: invitationParams,
        body: noBody,
        response: { 200: invitationView, default: errorResponse },
      },
    },
    (request) => sendInvitationReminder(serviceContext(request, deps), request.params),
  );
};
