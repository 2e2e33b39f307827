import { findEmailTemplate, upsertEmailTemplate } from "../../db/queries/email-messages.js";
import { inTransaction } from "../../db/transaction.js";
import {
  DEFAULT_EMAIL_TEMPLATES,
  type EmailTemplate,
  type EmailTemplateKind,
  validateEmailTemplate,
} from "../../domain/email-templates.js";
import { actorUserId, type ServiceContext } from "../context.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireLockedOrg } from "../shared/require.js";
import { type EmailTemplateView, getEmailTemplate } from "./get-email-template.js";

/** Saves the org's template (unknown placeholders and a missing [Link] are refused). */
export async function updateEmailTemplate(
  ctx: ServiceContext,
  input: { orgId: string; kind: EmailTemplateKind } & EmailTemplate,
): Promise<EmailTemplateView> {
  const template = validateEmailTemplate({ subject: input.subject, text: input.text, html: input.html });
  const now = ctx.clock.now().toISOString();
  await inTransaction(ctx.db, async (trx) => {
    const org = await requireLockedOrg(trx, input.orgId);
    const before = (await findEmailTemplate(trx, org.id, input.kind)) ?? DEFAULT_EMAIL_TEMPLATES[input.kind];
    await upsertEmailTemplate(trx, {
      org_id: org.id,
      kind: input.kind,
      ...template,
      updated_at: now,
      updated_by: actorUserId(ctx),
    });
    await recordAuditEvent(trx, ctx, {
      orgId: org.id,
      action: "email_template.updated",
      target: { type: "email_template", id: input.kind },
      before: { subject: before.subject, text: before.text, html: before.html },
      after: template,
    });
  });
  return getEmailTemplate(ctx, input);
}
