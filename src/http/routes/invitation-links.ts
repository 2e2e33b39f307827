import { z } from "zod";
import { acceptInvitation } from "../../services/invitations/accept-invitation.js";
import { previewInvitation } from "../../services/invitations/preview-invitation.js";
import { publicRoute } from "../auth/route-auth.js";
import { setSessionCookie } from "../auth/session-cookie.js";
import { errorResponse, password, personName } from "../schemas/common.js";
import { acceptResult, invitationPreview } from "../schemas/views.js";
import { type RouteModule, typed } from "./types.js";

/** The two routes an invite link's holder calls. The token travels in the body, never in a URL. */
export const invitationLinkRoutes: RouteModule = (app, deps) => {
  const r = typed(app);
  const token = z.string().min(1).max(100);

  r.post(
    "/api/v1/invitations/preview",
    {
      config: { auth: publicRoute("public") },
      schema: {
        tags: ["Invitation links"],
        summary: "Who invited the link's holder to which org, with which role",
        body: z.strictObject({ token }),
        response: { 200: invitationPreview, default: errorResponse },
      },
    },
    (request) => previewInvitation(deps, request.body),
  );

  r.post(
    "/api/v1/invitations/accept",
    {
      config: { auth: publicRoute("auth") },
      schema: {
        tags: ["Invitation links"],
        summary:
          "Accept: sign up (name + password), or accept as the signed-in user, or sign in and accept (password)",
        body: z.strictObject({ token, name: personName.optional(), password: password.optional() }),
        response: { 200: acceptResult, default: errorResponse },
      },
    },
    async (request, reply) => {
      const result = await acceptInvitation(deps, {
        ...request.body,
        sessionUser: request.user,
        userAgent: request.headers["user-agent"] ?? null,
      });
      if (result.session) setSessionCookie(reply, deps.config, result.session);
      return { user: result.user, membership: result.membership };
    },
  );
};
