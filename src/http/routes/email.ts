import { z } from "zod";
import { EMAIL_TEMPLATE_KINDS } from "../../domain/email-templates.js";
import { isEmailDeliveryEnabled } from "../../mail/queue-invitation-email.js";
import { getEmailTemplate } from "../../services/email/get-email-template.js";
import { previewEmailTemplate } from "../../services/email/preview-email-template.js";
import { resetEmailTemplate } from "../../services/email/reset-email-template.js";
import { updateEmailTemplate } from "../../services/email/update-email-template.js";
import { serviceContext } from "../auth/guard.js";
import { orgRoute } from "../auth/route-auth.js";
import { errorResponse, id, noBody, noQuery, orgParams, timestamp } from "../schemas/common.js";
import { type RouteModule, typed } from "./types.js";

const templateParams = z.strictObject({ orgId: id, kind: z.enum(EMAIL_TEMPLATE_KINDS) });
const templateBody = z.strictObject({
  subject: z.string().max(300),
  text: z.string().max(20_000),
  html: z.string().max(50_000),
});
const emailTemplateView = z
  .object({
    kind: z.enum(EMAIL_TEMPLATE_KINDS),
    subject: z.string(),
    text: z.string(),
    html: z.string(),
    isDefault: z.boolean(),
    updatedAt: timestamp.nullable(),
    placeholders: z.array(z.string()),
  })
  .meta({ id: "EmailTemplate" });
const renderedEmail = z
  .object({ subject: z.string(), text: z.string(), html: z.string() })
  .meta({ id: "RenderedEmail" });

export const emailRoutes: RouteModule = (app, deps) => {
  const r = typed(app);

  r.get(
    "/api/v1/orgs/:orgId/email-settings",
    {
      config: { auth: orgRoute("invitations:read") },
      schema: {
        tags: ["Email"],
        summary: "Whether invitations are emailed (SMTP_URL set) and the From address",
        params: orgParams,
        querystring: noQuery,
        response: {
          200: z.object({ enabled: z.boolean(), from: z.string().nullable() }),
          default: errorResponse,
        },
      },
    },
    () => ({
      enabled: isEmailDeliveryEnabled(deps),
      from: isEmailDeliveryEnabled(deps) ? deps.config.mail.from : null,
    }),
  );

  r.get(
    "/api/v1/orgs/:orgId/email-templates/:kind",
    {
      config: { auth: orgRoute("org:update") },
      schema: {
        tags: ["Email"],
        summary: "The invitation or reminder email template (the default when none was saved)",
        params: templateParams,
        querystring: noQuery,
        response: { 200: emailTemplateView, default: errorResponse },
      },
    },
    (request) => getEmailTemplate(serviceContext(request, deps), request.params),
  );

  r.put(
    "/api/v1/orgs/:orgId/email-templates/:kind",
    {
      config: { auth: orgRoute("org:update") },
      schema: {
        tags: ["Email"],
        summary: "Save the template (admins). Placeholders: [Name], [Organization], [Link], …",
        params: templateParams,
        body: templateBody,
        response: { 200: emailTemplateView, default: errorResponse },
      },
    },
    (request) => updateEmailTemplate(serviceContext(request, deps), { ...request.params, ...request.body }),
  );

  r.delete(
    "/api/v1/orgs/:orgId/email-templates/:kind",
    {
      config: { auth: orgRoute("org:update") },
      schema: {
        tags: ["Email"],
        summary: "Go back to the default template",
        params: templateParams,
        body: noBody,
        response: { 200: emailTemplateView, default: errorResponse },
      },
    },
    (request) => resetEmailTemplate(serviceContext(request, deps), request.params),
  );

  r.post(
    "/api/v1/orgs/:orgId/email-templates/:kind/preview",
    {
      config: { auth: orgRoute("org:update") },
      schema: {
        tags: ["Email"],
        summary: "Render a template with sample values (nothing is saved)",
        params: templateParams,
        body: templateBody,
        response: { 200: renderedEmail, default: errorResponse },
      },
    },
    (request) =>
      previewEmailTemplate(serviceContext(request, deps), { orgId: request.params.orgId, ...request.body }),
  );
};
