/**
 * A SCIM protocol error (RFC 7644 §3.12): an HTTP status and, for 400s, one of the RFC's `scimType`
 * keywords. SCIM clients (Okta, Entra ID) read `scimType` and `detail`, so the message says what to fix.
 */
export type ScimType =
  | "invalidFilter"
  | "tooMany"
  | "uniqueness"
  | "mutability"
  | "invalidSyntax"
  | "invalidPath"
  | "noTarget"
  | "invalidValue"
  | "invalidVers"
  | "sensitive";

export class ScimError extends Error {
  readonly status: number;
  readonly scimType: ScimType | undefined;

  constructor(status: number, detail: string, scimType?: ScimType) {
    super(detail);
    this.name = "ScimError";
    this.status = status;
    this.scimType = scimType;
  }
}

export function isScimError(error: unknown): error is ScimError {
  return error instanceof ScimError;
}

export const SCIM_ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

/** The body of a SCIM error response. `status` is a string, as the RFC's examples (and Okta) have it. */
export function scimErrorBody(error: ScimError): Record<string, unknown> {
  return {
    schemas: [SCIM_ERROR_SCHEMA],
    status: String(error.status),
    ...(error.scimType ? { scimType: error.scimType } : {}),
    detail: error.message,
  };
}
