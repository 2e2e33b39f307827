import {
  type EmailTemplate,
  type RenderedEmail,
  renderEmail,
  SAMPLE_EMAIL_VALUES,
  validateEmailTemplate,
} from "../../domain/email-templates.js";
import type { ServiceContext } from "../context.js";
import { requireOrg } from "../shared/require.js";

/** Renders a template (saved or not) with sample values and the org's name; nothing is stored. */
export async function previewEmailTemplate(
  ctx: ServiceContext,
  input: { orgId: string } & EmailTemplate,
): Promise<RenderedEmail> {
  const org = await requireOrg(ctx.db, input.orgId);
  const template = validateEmailTemplate({ subject: input.subject, text: input.text, html: input.html });
  return renderEmail(template, { ...SAMPLE_EMAIL_VALUES, Organization: org.name });
}
