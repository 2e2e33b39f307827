import { AppError } from "./errors.js";

/**
 * The invitation state machine. Stored statuses are what the database holds; the effective status
 * also turns a pending invitation past its expiry into `expired`, so no sweep has to run before an
 * expired link stops working.
 *
 *   pending --accept--> accepted            (final)
 *   pending --revoke--> revoked             (final)
 *   pending --time----> expired --extend|resend--> pending
 *   expired --revoke--> revoked
 */
export const INVITATION_STATUSES = ["pending", "accepted", "expired", "revoked"] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export const INVITATION_ACTIONS = ["accept", "edit", "extend", "resend", "revoke"] as const;
export type InvitationAction = (typeof INVITATION_ACTIONS)[number];

export const DEFAULT_EXPIRY_DAYS = 7;
export const MIN_EXPIRY_DAYS = 1;
export const MAX_EXPIRY_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

const ALLOWED_FROM: Record<InvitationAction, readonly InvitationStatus[]> = {
  accept: ["pending"],
  edit: ["pending"],
  extend: ["pending", "expired"],
  resend: ["pending", "expired"],
  revoke: ["pending", "expired"],
};

const RESULT_OF: Record<InvitationAction, InvitationStatus> = {
  accept: "accepted",
  edit: "pending",
  extend: "pending",
  resend: "pending",
  revoke: "revoked",
};

export function effectiveStatus(
  invitation: { status: InvitationStatus; expiresAt: string },
  now: Date,
): InvitationStatus {
  if (invitation.status === "pending" && Date.parse(invitation.expiresAt) <= now.getTime()) return "expired";
  return invitation.status;
}

export function canTransition(from: InvitationStatus, action: InvitationAction): boolean {
  return ALLOWED_FROM[action].includes(from);
}

/** The status after `action`, or the error a user should see when the action is not possible. */
export function transition(
  from: InvitationStatus,
  action: InvitationAction,
  facts: { expiresAt?: string } = {},
): InvitationStatus {
  if (canTransition(from, action)) return RESULT_OF[action];
  switch (from) {
    case "accepted":
      throw new AppError("INVITATION_USED");
    case "revoked":
      throw new AppError("INVITATION_REVOKED");
    case "expired":
      throw new AppError("INVITATION_EXPIRED", {
        message:
          action === "accept"
            ? `This invitation expired${facts.expiresAt ? ` on ${formatDay(facts.expiresAt)}` : ""}. Ask an admin for a new link.`
            : "This invitation has expired. Extend it or resend it first.",
      });
    default:
      throw new AppError("VALIDATION_FAILED", {
        message: `An invitation cannot be ${action}ed from ${from}.`,
      });
  }
}

export function expiryFrom(now: Date, days: number): string {
  return new Date(now.getTime() + days * DAY_MS).toISOString();
}

/**
 * Extending adds days to the current expiry, or to now when it already passed, so an extension never
 * shortens an invitation and reviving an expired one gives it the full extra time. The result stays
 * within the longest expiry an invitation can have.
 */
export function extendedExpiry(currentExpiresAt: string, now: Date, days: number): string {
  const base = Math.max(Date.parse(currentExpiresAt), now.getTime());
  const next = base + days * DAY_MS;
  const cap = now.getTime() + MAX_EXPIRY_DAYS * DAY_MS;
  if (next > cap) {
    throw new AppError("VALIDATION_FAILED", {
      message: `An invitation can be valid for at most ${MAX_EXPIRY_DAYS} days from now. Extend it by fewer days.`,
      details: { field: "days" },
    });
  }
  return new Date(next).toISOString();
}

export function formatDay(iso: string): string {
  return new Date(iso).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}
