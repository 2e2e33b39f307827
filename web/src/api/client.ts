import { DEFAULT_MESSAGES, type ErrorCode } from "../domain";
import type { ErrorBody } from "./types";

/** An API failure carrying the server's user-facing message; show `message` as is. */
export class ApiError extends Error {
  readonly code: ErrorCode | "NETWORK";
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode | "NETWORK",
    message: string,
    status: number,
    details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

export function isApiError(error: unknown, code?: ErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return DEFAULT_MESSAGES.INTERNAL;
}

type Unauthenticated = () => void;
let onUnauthenticated: Unauthenticated = () => {};

/** The session layer decides what a 401 means (go to /login?next=…); set once at start-up. */
export function setUnauthenticatedHandler(handler: Unauthenticated): void {
  onUnauthenticated = handler;
}

export type RequestOptions = {
  body?: unknown;
  headers?: Record<string, string>;
  /** A 401 is an expected answer here (GET /me, sign-in, invitation links): do not redirect. */
  allowSignedOut?: boolean;
  signal?: AbortSignal;
};

/**
 * Every call to the REST API. Same-origin cookies carry the session; browsers add the Origin header to
 * writes, which the server requires of cookie-authenticated writes (CSRF).
 */
export async function api<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json", ...options.headers };
  const init: RequestInit = { method, headers, credentials: "same-origin" };
  if (options.signal) init.signal = options.signal;
  if (options.body !== undefined) {
    headers["content-type"] = "application/json";
    init.body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError("NETWORK", "Gatehouse cannot be reached. Check your connection and try again.", 0);
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (response.ok) return payload as T;
  const error = toApiError(response.status, payload);
  if (response.status === 401 && !options.allowSignedOut) onUnauthenticated();
  throw error;
}

function toApiError(status: number, payload: unknown): ApiError {
  const body = payload as Partial<ErrorBody> | null;
  if (body?.error?.code && body.error.message) {
    return new ApiError(body.error.code, body.error.message, status, body.error.details);
  }
  return new ApiError("INTERNAL", DEFAULT_MESSAGES.INTERNAL, status);
}

/** A key that makes a retried create safe (the server returns the same invitation, not a duplicate). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  // randomUUID exists only in secure contexts; a self-hosted console may be served over plain http.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
