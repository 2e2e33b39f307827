import type { Executor } from "../db/client.js";
import { insertEmailMessages } from "../db/queries/email-messages.js";
import type { EmailMessageRow } from "../db/schema.js";
import type { SignupEmailKind } from "../domain/email-templates.js";
import { enqueueJobs } from "../jobs/queue.js";
import { newId } from "../lib/ids.js";
import type { Deps } from "../services/context.js";
import { EMAIL_DELIVER_JOB, EMAIL_MAX_ATTEMPTS, type EmailJobPayload } from "./queue-invitation-email.js";

export type SignupEmailItem = {
  /** The org whose verified domain matched: its name is in the email. */
  orgId: string;
  to: string;
  kind: SignupEmailKind;
  /** The verification whose link a `signup` email carries (its token is sealed on that row). */
  emailVerificationId: string | null;
};

/** The sealed form of a sign-up link's token, bound to its verification row. */
export function sealSignupToken(deps: Pick<Deps, "sealer">, verificationId: string, token: string): string {
  return deps.sealer.seal(token, `email_verification:${verificationId}`);
}

export function unsealSignupToken(
  deps: Pick<Deps, "sealer">,
  verificationId: string,
  sealed: string,
): string | null {
  try {
    return deps.sealer.unseal(sealed, `email_verification:${verificationId}`);
  } catch {
    return null;
  }
}

/**
 * Queues a sign-up email in the caller's transaction (the same outbox and `email.deliver` job as
 * invitation emails): it exists exactly when the sign-up request committed. The worker renders it at
 * send time; nothing rendered, and no link in clear, is stored.
 */
export async function queueSignupEmail(
  trx: Executor,
  deps: Pick<Deps, "clock">,
  item: SignupEmailItem,
): Promise<void> {
  const now = deps.clock.now();
  const row: EmailMessageRow = {
    id: newId(),
    org_id: item.orgId,
    invitation_id: null,
    kind: item.kind,
    to_address: item.to,
    status: "queued",
    attempts: 0,
    last_error: null,
    message_id: null,
    created_at: now.toISOString(),
    sent_at: null,
    email_verification_id: item.emailVerificationId,
  };
  await insertEmailMessages(trx, [row]);
  await enqueueJobs(trx, now, [
    {
      kind: EMAIL_DELIVER_JOB,
      orgId: row.org_id,
      payload: { emailId: row.id, inviteeName: null } satisfies EmailJobPayload,
      uniqueKey: `email:${row.id}`,
      maxAttempts: EMAIL_MAX_ATTEMPTS,
    },
  ]);
}
