import { findEmailTemplate } from "../../db/queries/email-messages.js";
import {
  DEFAULT_EMAIL_TEMPLATES,
  EMAIL_PLACEHOLDERS,
  type EmailTemplate,
  type EmailTemplateKind,
} from "../../domain/email-templates.js";
import type { ServiceContext } from "../context.js";

export type EmailTemplateView = EmailTemplate & {
  kind: EmailTemplateKind;
  isDefault: boolean;
  updatedAt: string | null;
  placeholders: string[];
};

/** The org's template of this kind, or the default (the seed's welcome email) when none was saved. */
export async function getEmailTemplate(
  ctx: ServiceContext,
  input: { orgId: string; kind: EmailTemplateKind },
): Promise<EmailTemplateView> {
  const row = await findEmailTemplate(ctx.db, input.orgId, input.kind);
  const template = row ?? DEFAULT_EMAIL_TEMPLATES[input.kind];
  return {
    kind: input.kind,
    subject: template.subject,
    text: template.text,
    html: template.html,
    isDefault: !row,
    updatedAt: row?.updated_at ?? null,
    placeholders: [...EMAIL_PLACEHOLDERS],
  };
}
