import type { Executor } from "../db/client.js";
import { insertEmailMessages, setSealedTokens } from "../db/queries/email-messages.js";
import type { EmailMessageRow, InvitationRow } from "../db/schema.js";
import { enqueueJobs } from "../jobs/queue.js";
import { newId } from "../lib/ids.js";
import type { Deps } from "../services/context.js";

export const EMAIL_DELIVER_JOB = "email.deliver";
export const EMAIL_MAX_ATTEMPTS = 6;

export type InvitationEmailItem = {
  invitation: Pick<InvitationRow, "id" | "org_id" | "email">;
  /** The raw token of the link just issued: sealed onto the invitation. Null keeps the current one (reminders). */
  token: string | null;
  kind?: EmailMessageRow["kind"];
  /** Shown as [Name] when known (team import); the email address otherwise. */
  inviteeName?: string | null;
};

export type EmailJobPayload = { emailId: string; inviteeName: string | null };

type MailDeps = Pick<Deps, "config" | "clock" | "sealer">;

export function isEmailDeliveryEnabled(deps: Pick<Deps, "config">): boolean {
  return deps.config.mail.smtpUrl !== null;
}

/** The sealed form of an invitation's token, bound to the invitation id. */
export function sealInvitationToken(deps: Pick<Deps, "sealer">, invitationId: string, token: string): string {
  return deps.sealer.seal(token, `invitation:${invitationId}`);
}

/**
 * Queues emails for many invitations inside the caller's transaction (the outbox): seals each new
 * token onto its invitation, inserts the email rows and their `email.deliver` jobs, each in one
 * statement per 500 items. Nothing is queued (returns 0) when SMTP is not configured. The worker
 * renders the email at send time, with the invitation's current link; no rendered email (nor link) is
 * stored.
 */
export async function queueInvitationEmails(
  trx: Executor,
  deps: MailDeps,
  items: readonly InvitationEmailItem[],
): Promise<number> {
  if (!isEmailDeliveryEnabled(deps) || items.length === 0) return 0;
  const now = deps.clock.now();
  const nowText = now.toISOString();
  const fresh = items.filter((item) => item.token !== null);
  await setSealedTokens(
    trx,
    fresh.map((item) => ({
      invitationId: item.invitation.id,
      tokenSealed: sealInvitationToken(deps, item.invitation.id, item.token as string),
    })),
  );
  const rows: EmailMessageRow[] = items.map((item) => ({
    id: newId(),
    org_id: item.invitation.org_id,
    invitation_id: item.invitation.id,
    kind: item.kind ?? "invitation",
    to_address: item.invitation.email,
    status: "queued",
    attempts: 0,
    last_error: null,
    message_id: null,
    created_at: nowText,
    sent_at: null,
    email_verification_id: null,
  }));
  await insertEmailMessages(trx, rows);
  await enqueueJobs(
    trx,
    now,
    rows.map((row, i) => ({
      kind: EMAIL_DELIVER_JOB,
      orgId: row.org_id,
      payload: { emailId: row.id, inviteeName: items[i]?.inviteeName ?? null } satisfies EmailJobPayload,
      uniqueKey: `email:${row.id}`,
      maxAttempts: EMAIL_MAX_ATTEMPTS,
    })),
  );
  return rows.length;
}

export async function queueInvitationEmail(
  trx: Executor,
  deps: MailDeps,
  item: InvitationEmailItem,
): Promise<boolean> {
  return (await queueInvitationEmails(trx, deps, [item])) === 1;
}
