/**
 * The one table of error codes. Every failure a user can see is one of these; the HTTP status of each
 * lives in `src/http/errors.ts`, which must cover every code (the typecheck fails otherwise).
 *
 * `DEFAULT_MESSAGES` are user-facing: they say what happened and what to do next. A throw site passes
 * a more specific message when it knows more (a date, a name).
 */
export const DEFAULT_MESSAGES = {
  VALIDATION_FAILED: "The request is not valid. Check the fields and try again.",
  UNAUTHENTICATED: "You are not signed in. Sign in and try again.",
  INVALID_CREDENTIALS: "That email and password do not match. Check them and try again.",
  FORBIDDEN: "You do not have permission to do that. Ask an admin of this organization.",
  ORIGIN_MISMATCH: "This request came from another site and was refused. Use the Gatehouse console.",
  ROLE_ABOVE_YOUR_OWN: "You cannot grant a role above your own.",
  PLAN_LIMIT: "Your plan does not include this. Upgrade the plan to use it.",
  INVITATION_EMAIL_MISMATCH:
    "This invitation was sent to a different email address. Sign in with the invited email, or ask for a new invitation.",
  SETUP_TOKEN_INVALID:
    "This setup link is not valid. Use the link Gatehouse printed when it started, or run `gatehouse setup`.",
  NOT_FOUND: "Not found. It may have been removed, or the link is wrong.",
  INVITATION_NOT_FOUND:
    "This invitation link is not valid. Check that you copied the whole link, or ask an admin for a new one.",
  ALREADY_MEMBER: "This person is already a member of the organization.",
  INVITATION_PENDING:
    "This email already has a pending invitation. Resend or edit that invitation instead of creating a new one.",
  LAST_ADMIN: "An organization must keep at least one admin. Make someone else an admin first.",
  LAST_TEAM_OWNER: "A team must keep at least one owner. Make someone else an owner of the team first.",
  SEAT_LIMIT_REACHED:
    "All seats on this plan are taken (members plus pending invitations). Revoke an invitation, remove a member, or raise the seat limit.",
  INVITATION_USED: "This invitation has already been accepted. Sign in to continue.",
  ACCOUNT_EXISTS: "An account with this email already exists. Sign in first, then accept the invitation.",
  TEAM_NAME_TAKEN: "A team with this name already exists in the organization. Pick another name.",
  TEAM_IN_USE:
    "This team owns agents, context files or knowledge bases. Move them to another scope or delete them first.",
  DEFAULT_TEAM:
    "The default team cannot be deleted: invitations without a team lead into it, and on single-team plans everyone is in it.",
  SETUP_COMPLETE: "Gatehouse is already set up. Sign in instead.",
  IDEMPOTENCY_KEY_REUSED:
    "This Idempotency-Key was already used for a different request. Use a new key for a new request.",
  INVITATION_EXPIRED: "This invitation has expired. Ask an admin for a new link.",
  INVITATION_REVOKED: "This invitation was revoked. Ask an admin for a new link.",
  UNKNOWN_ACTION: "Gatehouse does not know this action. GET /api/v1/capabilities lists every action.",
  UNKNOWN_RESOURCE: "Gatehouse does not know this resource in the organization. Check its id or key.",
  API_KEY_INVALID:
    "This API key is not valid: it is unknown, revoked or expired, or (a personal key) its owner has left the organization or lost the role it acted with. Create a new one.",
  KEY_TAKEN: "That key is already used in this organization. Pick another key.",
  AGENT_REQUEST_DECIDED: "This request has already been decided. A new request is needed to ask again.",
  PAYLOAD_TOO_LARGE: "The request body is too large.",
  UNSUPPORTED_MEDIA_TYPE: "Send the request body as application/json.",
  RATE_LIMITED: "Too many attempts. Wait a minute and try again.",
  SERVICE_UNAVAILABLE: "Gatehouse is not ready yet. Try again in a moment.",
  IMPORT_HEADER_INVALID:
    "The CSV header is not one of the two accepted formats: email,role,department,message or email,first_name,last_name,role,department,manager_email.",
  IMPORT_KEY_REUSED:
    "This Idempotency-Key was already used for an import of a different file. Re-run the same file, or use a new key for a new file.",
  IMPORT_IN_PROGRESS:
    "An import with this Idempotency-Key is running right now. Wait for it, then send the same file again to get its report.",
  INVITATION_COUNTERS_DRIFTED:
    "The invitation counters no longer match the invitations. Run `gatehouse counters verify --repair` to recount them.",
  AUDIT_CHAIN_BROKEN:
    "The audit trail's hash chain is broken: an entry was edited, removed or reordered outside Gatehouse. Restore the database from a backup taken before that point, or keep this report as evidence.",
  DOMAIN_INVALID: "That is not a domain name. Enter just the domain, like example.com.",
  DOMAIN_CONSUMER:
    "Consumer mail domains (like gmail.com or outlook.com) cannot be claimed: anyone can get an address there. Claim your organization's own domain.",
  DOMAIN_TAKEN:
    "Another organization has already verified this domain. If it is yours, ask that organization to remove it, then verify it here.",
  DOMAIN_EXISTS:
    "This organization has already claimed this domain. Open it to verify it or change its settings.",
  DOMAIN_NOT_VERIFIED:
    "The verification record was not found. Publish the TXT record shown for the domain, wait for DNS to update, then verify again.",
  JOIN_REQUEST_DECIDED: "This join request has already been decided.",
  SIGNUP_UNAVAILABLE:
    "Sign-up by email is not available on this server: it cannot send email (SMTP_URL is not set). Ask an admin of your organization to invite you.",
  SIGNUP_LINK_INVALID:
    "This sign-up link is not valid. Check that you copied the whole link, or start again from 'Join your team' on the sign-in page.",
  SIGNUP_LINK_EXPIRED:
    "This sign-up link has expired. Start again from 'Join your team' on the sign-in page to get a new one.",
  SIGNUP_LINK_USED:
    "This sign-up link has already been used. Sign in with the account it created, or start again from 'Join your team'.",
  SIGNUP_NOT_ALLOWED:
    "Your organization no longer lets people join with this email. Ask an admin of your organization to invite you.",
  SSO_REQUIRED: "Your organization signs in with single sign-on: use 'Sign in with SSO'.",
  SSO_NOT_CONFIGURED:
    "Single sign-on is not set up for this organization. Sign in with your password, or ask an admin to set up SSO.",
  SSO_NOT_AVAILABLE:
    "Single sign-on is not set up for this email address. Sign in with your password, or ask your admin for your organization's SSO sign-in link.",
  SSO_DISCOVERY_FAILED:
    "Could not read the identity provider's OpenID configuration. Check the issuer URL and that Gatehouse can reach it.",
  SSO_LOGIN_FAILED: "Single sign-on did not complete. Start again from the sign-in page.",
  SSO_ACCOUNT_NOT_LINKED:
    "An account with this email already exists, and your identity provider did not confirm that you own the email. Sign in with your password, or ask your IdP admin to verify your email.",
  SSO_MEMBERSHIP_REMOVED:
    "Your access to this organization was removed. Ask an admin of the organization to add you again.",
  INTERNAL: "Something went wrong on our side. Try again; if it keeps happening, contact your administrator.",
  EMAIL_NOT_CONFIGURED:
    "Email delivery is not configured (SMTP_URL is not set). Copy the invite link and share it yourself, or ask the operator to set SMTP_URL.",
  INVITATION_NOT_PENDING:
    "Only a pending invitation can be reminded. Resend an expired invitation to email a fresh link.",
  WEBHOOK_URL_INVALID:
    "The webhook URL must be an absolute http:// or https:// URL, e.g. https://example.com/hooks/gatehouse.",
  WEBHOOK_URL_NOT_PUBLIC:
    "The webhook URL points at this machine or a private network. Use a public https:// URL, or set WEBHOOK_ALLOW_PRIVATE_URLS=true if your receiver is on your own network.",
  WEBHOOK_ENDPOINT_DISABLED:
    "This webhook endpoint is disabled. Enable it first (PATCH the endpoint with enabled: true).",
} as const;

export type ErrorCode = keyof typeof DEFAULT_MESSAGES;

export type AppErrorOptions = {
  /** Overrides the default user-facing message. */
  message?: string;
  /** Machine-readable extras for the client (field names, limits). Never secrets. */
  details?: Record<string, unknown>;
  /** For logs only: never sent to the client. */
  internal?: string;
  cause?: unknown;
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  readonly internal: string | undefined;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    super(options.message ?? DEFAULT_MESSAGES[code], { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.details = options.details;
    this.internal = options.internal;
  }
}

export function isAppError(error: unknown, code?: ErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}
