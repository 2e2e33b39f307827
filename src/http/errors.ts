import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { translateDbError } from "../db/errors.js";
import { AppError, type ErrorCode } from "../domain/errors.js";
import { ajvErrorMessage, zodFieldIssues } from "../lib/validation-messages.js";

/** Exhaustive: adding a code to `src/domain/errors.ts` without a status here fails the typecheck. */
export const STATUS_BY_CODE = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  ORIGIN_MISMATCH: 403,
  ROLE_ABOVE_YOUR_OWN: 403,
  PLAN_LIMIT: 403,
  INVITATION_EMAIL_MISMATCH: 403,
  SETUP_TOKEN_INVALID: 403,
  NOT_FOUND: 404,
  INVITATION_NOT_FOUND: 404,
  ALREADY_MEMBER: 409,
  INVITATION_PENDING: 409,
  LAST_ADMIN: 409,
  LAST_TEAM_OWNER: 409,
  SEAT_LIMIT_REACHED: 409,
  INVITATION_USED: 409,
  ACCOUNT_EXISTS: 409,
  TEAM_NAME_TAKEN: 409,
  DEFAULT_TEAM: 409,
  TEAM_IN_USE: 409,
  SETUP_COMPLETE: 409,
  INVITATION_EXPIRED: 410,
  INVITATION_REVOKED: 410,
  UNKNOWN_ACTION: 400,
  UNKNOWN_RESOURCE: 404,
  API_KEY_INVALID: 401,
  KEY_TAKEN: 409,
  AGENT_REQUEST_DECIDED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_KEY_REUSED: 422,
  RATE_LIMITED: 429,
  IMPORT_HEADER_INVALID: 400,
  IMPORT_KEY_REUSED: 409,
  IMPORT_IN_PROGRESS: 409,
  DOMAIN_INVALID: 400,
  DOMAIN_CONSUMER: 400,
  DOMAIN_TAKEN: 409,
  DOMAIN_EXISTS: 409,
  DOMAIN_NOT_VERIFIED: 409,
  JOIN_REQUEST_DECIDED: 409,
  SIGNUP_UNAVAILABLE: 409,
  SIGNUP_LINK_INVALID: 404,
  SIGNUP_LINK_EXPIRED: 410,
  SIGNUP_LINK_USED: 409,
  SIGNUP_NOT_ALLOWED: 403,
  SSO_REQUIRED: 403,
  SSO_NOT_CONFIGURED: 404,
  SSO_NOT_AVAILABLE: 404,
  SSO_DISCOVERY_FAILED: 422,
  SSO_LOGIN_FAILED: 400,
  SSO_ACCOUNT_NOT_LINKED: 409,
  SSO_MEMBERSHIP_REMOVED: 403,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
  EMAIL_NOT_CONFIGURED: 409,
  INVITATION_NOT_PENDING: 409,
  INVITATION_COUNTERS_DRIFTED: 409,
  AUDIT_CHAIN_BROKEN: 409,
  WEBHOOK_URL_INVALID: 400,
  WEBHOOK_URL_NOT_PUBLIC: 400,
  WEBHOOK_ENDPOINT_DISABLED: 409,
} as const satisfies Record<ErrorCode, number>;

export type ErrorBody = { error: { code: ErrorCode; message: string; details?: Record<string, unknown> } };

export function errorBody(error: AppError): ErrorBody {
  return {
    error: { code: error.code, message: error.message, ...(error.details && { details: error.details }) },
  };
}

/** Fastify's own failures (body parsing, content type) as our error codes. */
function fromFastifyError(error: FastifyError): AppError | null {
  switch (error.code) {
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new AppError("UNSUPPORTED_MEDIA_TYPE");
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new AppError("PAYLOAD_TOO_LARGE");
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new AppError("VALIDATION_FAILED", { message: "The request body is empty. Send a JSON object." });
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return new AppError("VALIDATION_FAILED", { message: "The request body is not valid JSON." });
    default:
      break;
  }
  if (error.statusCode === 429) return new AppError("RATE_LIMITED");
  if (error.statusCode === 400 && error.message.includes("JSON")) {
    return new AppError("VALIDATION_FAILED", { message: "The request body is not valid JSON." });
  }
  return null;
}

type Issue = { path: string; message: string };

/**
 * Every issue of a failed validation, named by where it is (body.resource.type) and said the same way
 * whichever validator found it (see src/lib/validation-messages.ts): zod's messages are already ours,
 * through its error map; Ajv's (the decision API's compiled validators) are put in the same words here.
 */
function validationError(error: FastifyError): AppError {
  const where = error.validationContext ?? "body";
  const fromZod = hasZodFastifySchemaValidationErrors(error);
  const issues: Issue[] = (error.validation ?? []).flatMap((v) => {
    // fastify-type-provider-zod reports each zod issue as `{ keyword: issue.code, instancePath: "/a/b",
    // message, params: the rest of the issue }`: the path names the field, so the user learns which
    // one to fix.
    const found = fromZod
      ? zodFieldIssues({
          code: v.keyword,
          path: (v.instancePath ?? "").split("/").filter((segment) => segment !== ""),
          message: v.message ?? "is not valid",
          errors: (v.params as { errors?: Parameters<typeof zodFieldIssues>[0]["errors"] }).errors,
        })
      : [ajvErrorMessage(v)];
    return found.map(({ segments, message }) => ({ path: [where, ...segments].join("."), message }));
  });
  const summary = issues
    .slice(0, 3)
    .map((i) => `${i.path}: ${i.message}`)
    .join("; ");
  return new AppError("VALIDATION_FAILED", {
    message: `The request is not valid (${summary || where}). Fix the field${issues.length === 1 ? "" : "s"} and try again.`,
    details: { issues },
  });
}

export function handleError(rawError: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const error = translateDbError(rawError);
  let appError: AppError;
  if (error instanceof AppError) appError = error;
  else if (hasZodFastifySchemaValidationErrors(rawError) || Array.isArray(rawError.validation))
    appError = validationError(rawError);
  else appError = fromFastifyError(rawError) ?? new AppError("INTERNAL");

  const status = STATUS_BY_CODE[appError.code];
  if (status >= 500) {
    request.log.error(
      { err: isResponseSerializationError(rawError) ? rawError.cause : rawError },
      "request failed",
    );
  } else if (appError.internal) {
    request.log.info({ code: appError.code, internal: appError.internal }, "request refused");
  }
  return reply.status(status).send(errorBody(appError));
}
