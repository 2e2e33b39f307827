import {
  findEmailMessage,
  findEmailTemplate,
  markEmailAttemptFailed,
  markEmailSent,
} from "../db/queries/email-messages.js";
import { findInvitationWithNames } from "../db/queries/invitations.js";
import type { EmailMessageRow } from "../db/schema.js";
import {
  DEFAULT_EMAIL_TEMPLATES,
  type EmailValues,
  type RenderedEmail,
  renderEmail,
} from "../domain/email-templates.js";
import { effectiveStatus } from "../domain/invitation.js";
import { jobErrorText } from "../domain/jobs.js";
import type { Job } from "../jobs/runner.js";
import type { Deps } from "../services/context.js";
import { EMAIL_MAX_ATTEMPTS, type EmailJobPayload } from "./queue-invitation-email.js";
import { renderSignupEmail } from "./render-signup-email.js";
import { isPermanentMailError, type MailTransport } from "./transport.js";

/** "3 May 2026, 14:00 UTC". */
export function formatExpiry(iso: string): string {
  const date = new Date(iso);
  const day = new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
  const time = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
  return `${day.format(date)}, ${time.format(date)} UTC`;
}

export function inviteUrlFor(deps: Pick<Deps, "config">, token: string): string {
  const url = new URL("/invite", deps.config.publicUrl);
  url.hash = `token=${token}`;
  return url.toString();
}

/**
 * The `email.deliver` job: renders the email at send time (an invitation email from the invitation's
 * current state, its current link unsealed here and never stored in clear, and the org's template; a
 * sign-up email with `renderSignupEmail`), sends it, and records the outcome on the email row. A
 * failed attempt is rethrown so the job runner retries with backoff; a permanent refusal (SMTP 5xx) or
 * the last attempt marks the email failed with the reason.
 */
export async function deliverEmail(
  deps: Pick<Deps, "db" | "config" | "clock" | "sealer">,
  transport: MailTransport,
  job: Pick<Job, "payload" | "attempt">,
): Promise<void> {
  const payload = job.payload as EmailJobPayload;
  const email = await findEmailMessage(deps.db, payload.emailId);
  if (email?.status !== "queued") return;
  const notSent = (reason: string) =>
    markEmailAttemptFailed(deps.db, email.id, { error: reason, final: true, attempts: job.attempt });

  if (email.kind === "signup" || email.kind === "signup_existing") {
    const rendered = await renderSignupEmail(deps, { ...email, kind: email.kind }, formatExpiry);
    if ("notSent" in rendered) await notSent(rendered.notSent);
    else await sendAndRecord(deps, transport, job, email, rendered);
    return;
  }

  const invitation = email.invitation_id
    ? await findInvitationWithNames(deps.db, email.org_id, email.invitation_id)
    : undefined;
  const now = deps.clock.now();
  if (
    !invitation ||
    effectiveStatus({ status: invitation.status, expiresAt: invitation.expires_at }, now) !== "pending"
  ) {
    await notSent("Not sent: the invitation is no longer pending (accepted, revoked or expired).");
    return;
  }
  const token = invitation.token_sealed
    ? unsealInvitationToken(deps, invitation.token_sealed, invitation.id)
    : null;
  if (!token) {
    await notSent(
      "Not sent: the invite link could not be unsealed (SECRET_KEY differs between instances or changed). Use Resend to issue a new link.",
    );
    return;
  }
  const org = await deps.db
    .selectFrom("orgs")
    .select("name")
    .where("id", "=", email.org_id)
    .executeTakeFirst();
  const custom = await findEmailTemplate(deps.db, email.org_id, email.kind);
  const template = custom ?? DEFAULT_EMAIL_TEMPLATES[email.kind];
  const values: EmailValues = {
    Name: payload.inviteeName ?? invitation.email,
    Organization: org?.name ?? "",
    Inviter: invitation.inviter_name ?? org?.name ?? "",
    Role: invitation.role,
    "Team Name": invitation.team_name ?? "",
    Department: invitation.department ?? "",
    Link: inviteUrlFor(deps, token),
    "Expiry Date": formatExpiry(invitation.expires_at),
    "Personal Message": invitation.message ?? "",
  };
  await sendAndRecord(deps, transport, job, email, renderEmail(template, values));
}

/** Sends a rendered email and records the outcome; rethrows a failure so the job runner retries. */
async function sendAndRecord(
  deps: Pick<Deps, "db" | "clock">,
  transport: MailTransport,
  job: Pick<Job, "attempt">,
  email: EmailMessageRow,
  rendered: RenderedEmail,
): Promise<void> {
  try {
    const sent = await transport.send({ to: email.to_address, ...rendered });
    await markEmailSent(deps.db, email.id, {
      messageId: sent.messageId,
      now: deps.clock.now().toISOString(),
      attempts: job.attempt,
    });
  } catch (error) {
    const final = isPermanentMailError(error) || job.attempt >= EMAIL_MAX_ATTEMPTS;
    await markEmailAttemptFailed(deps.db, email.id, {
      error: jobErrorText(error),
      final,
      attempts: job.attempt,
    });
    throw error;
  }
}

/** Null when the sealed link no longer opens (another key, or an altered row): the email is not sent. */
function unsealInvitationToken(
  deps: Pick<Deps, "sealer">,
  sealed: string,
  invitationId: string,
): string | null {
  try {
    return deps.sealer.unseal(sealed, `invitation:${invitationId}`);
  } catch {
    return null;
  }
}
