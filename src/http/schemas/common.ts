import { z } from "zod";
import { normalizeEmail } from "../../domain/email.js";
import { DEFAULT_MESSAGES, type ErrorCode } from "../../domain/errors.js";
import { INVITATION_STATUSES } from "../../domain/invitation.js";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../../domain/paging.js";
import { PLANS } from "../../domain/plans.js";
import { ORG_ROLES, TEAM_ROLES } from "../../domain/roles.js";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "../../security/passwords.js";

export const id = z.uuid({ message: "must be an id as Gatehouse returns them" });
export const orgRole = z.enum(ORG_ROLES).describe('Org role; the console calls "member" User.');
export const teamRole = z.enum(TEAM_ROLES);
export const plan = z.enum(PLANS);
export const invitationStatus = z.enum(INVITATION_STATUSES);
export const timestamp = z.iso.datetime().describe("ISO 8601, UTC");

export const email = z
  .string()
  .max(320)
  .refine((value) => normalizeEmail(value) !== null, { message: "must be a valid email address" })
  .describe("Trimmed and lower-cased by the server.")
  .meta({ format: "email" });

export const personName = z.string().trim().min(1, "must not be empty").max(100);
export const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH);
export const department = z.string().trim().min(1).max(64).describe("A department label, e.g. engineering.");
export const teamName = z.string().trim().min(1, "must not be empty").max(64);

/** Cursor pagination: `cursor` is opaque, from the previous page's `nextCursor`. */
export const pageQuery = {
  cursor: z.string().max(200).optional().describe("nextCursor of the previous page"),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
};

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const errorResponse = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(DEFAULT_MESSAGES) as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ id: "Error" });

export const okResponse = z.object({ ok: z.literal(true) });

export const orgParams = z.strictObject({ orgId: id });

/**
 * For routes that take no input: a body (null when none was sent) or a query must be empty, so a
 * misspelt or invented field is refused instead of silently ignored (every input is validated).
 */
export const noBody = z.strictObject({}).nullish();
export const noQuery = z.strictObject({});
