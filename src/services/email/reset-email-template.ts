import { deleteEmailTemplate } from "../../db/queries/email-messages.js";
import { inTransaction } from "../../db/transaction.js";
import { DEFAULT_EMAIL_TEMPLATES, type EmailTemplateKind } from "../../domain/email-templates.js";
import type { ServiceContext } from "../context.js";
import { recordAuditEvent } from "../shared/record-audit-event.js";
import { requireLockedOrg } from "../shared/require.js";
import { type EmailTemplateView, getEmailTemplate } from "./get-email-template.js";

/** Back to the default template (the seed's welcome email). */
export async function resetEmailTemplate(
  ctx: ServiceContext,
  input: { orgId: string; kind: EmailTemplateKind },
): Promise<EmailTemplateView> {
  await inTransaction(ctx.db, async (trx) => {
    const org = await requireLockedOrg(trx, input.orgId);
    if (await deleteEmailTemplate(trx, org.id, input.kind)) {
      await recordAuditEvent(trx, ctx, {
        orgId: org.id,
        action: "email_template.updated",
        target: { type: "email_template", id: input.kind },
        after: { reset: true, subject: DEFAULT_EMAIL_TEMPLATES[input.kind].subject },
      });
    }
  });
  return getEmailTemplate(ctx, input);
}
