import { AppError } from "../errors.js";

/**
 * Self sign-up with a work email (issue 5, item 1), the way Slack's and Notion's "join your team with
 * your work email" work: the person proves the address by opening a link mailed to it, then joins
 * the org whose verified domain matches (auto) or asks to (approval). Pure rules: no I/O.
 */

/** How long a sign-up link works. */
export const SIGNUP_LINK_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * At most this many sign-up emails go to one address per hour, whoever asks: the form is public, so
 * without a cap anyone could use Gatehouse to flood a colleague's inbox. Past the cap the answer stays
 * the same (it says nothing about the address) and no email is queued.
 */
export const SIGNUP_EMAILS_PER_HOUR = 5;

export type SignupLink = { expiresAt: string; consumedAt: string | null };

/** Throws the error a person holding this link should see, or returns when it still works. */
export function assertSignupLinkUsable(link: SignupLink, now: Date): void {
  if (link.consumedAt !== null) throw new AppError("SIGNUP_LINK_USED");
  if (Date.parse(link.expiresAt) <= now.getTime()) throw new AppError("SIGNUP_LINK_EXPIRED");
}
