import type { LightMyRequestResponse } from "fastify";
import { expect } from "vitest";
import type { ErrorCode } from "../../src/domain/errors.js";
import { STATUS_BY_CODE } from "../../src/http/errors.js";
import {
  DEFAULT_PASSWORD,
  type MemberFixture,
  type OrgFixture,
  type TestApp,
  tokenFromUrl,
  uniqueEmail,
} from "./app.js";

/** Small shared steps for the black-box API tests: each is one call of the public contract. */

export type Response = LightMyRequestResponse;

export const orgUrl = (orgId: string, rest = "") => `/api/v1/orgs/${orgId}${rest}`;
export const invitationUrl = (orgId: string, invitationId: string, rest = "") =>
  orgUrl(orgId, `/invitations/${invitationId}${rest}`);

/** A well-formed id that names nothing. */
export const UNKNOWN_ID = "0190a000-0000-7000-8000-000000000000";

/** `{ error: { code, message } }` with the code's status; the message is for people, so it is non-empty. */
export function expectError(response: Response, code: ErrorCode): { code: string; message: string } {
  const body = response.json() as { error?: { code: string; message: string } };
  expect({ status: response.statusCode, code: body.error?.code }, response.body).toEqual({
    status: STATUS_BY_CODE[code],
    code,
  });
  expect(body.error?.message.length).toBeGreaterThan(10);
  return body.error as { code: string; message: string };
}

export function expectStatus(response: Response, status: number): void {
  expect(response.statusCode, response.body).toBe(status);
}

export type InviteBody = {
  email?: string;
  role?: "admin" | "member" | "viewer";
  teamId?: string | null;
  teamRole?: "owner" | "admin" | "member" | null;
  department?: string | null;
  message?: string | null;
  expiresInDays?: number;
  [extra: string]: unknown;
};

/** POST an invitation as `as` (the org's admin by default); the raw response. */
export function postInvitation(
  t: TestApp,
  org: OrgFixture,
  body: InviteBody = {},
  options: { as?: MemberFixture; headers?: Record<string, string> } = {},
): Promise<Response> {
  return t.request({
    method: "POST",
    url: orgUrl(org.orgId, "/invitations"),
    cookie: (options.as ?? org.admin).cookie,
    body: { email: uniqueEmail("invitee"), role: "member", ...body },
    ...(options.headers && { headers: options.headers }),
  });
}

export type InvitationJson = {
  id: string;
  email: string;
  role: string;
  teamId: string | null;
  teamName: string | null;
  teamRole: string | null;
  department: string | null;
  message: string | null;
  status: string;
  expiresAt: string;
  createdAt: string;
  updatedAt: string;
  invitedBy: string | null;
  acceptedAt: string | null;
};

export type CreatedInvitation = { invitation: InvitationJson; inviteUrl: string; token: string };

/** Creates an invitation that must succeed. */
export async function createInvitation(
  t: TestApp,
  org: OrgFixture,
  body: InviteBody = {},
  options: { as?: MemberFixture } = {},
): Promise<CreatedInvitation> {
  const response = await postInvitation(t, org, body, options);
  expectStatus(response, 201);
  const { invitation, inviteUrl } = response.json() as { invitation: InvitationJson; inviteUrl: string };
  return { invitation, inviteUrl, token: tokenFromUrl(inviteUrl) };
}

export function previewInvitation(t: TestApp, token: string): Promise<Response> {
  return t.request({ method: "POST", url: "/api/v1/invitations/preview", body: { token } });
}

/** POST accept with any body; signed in when `cookie` is given. */
export function acceptInvitation(
  t: TestApp,
  body: Record<string, unknown>,
  cookie: string | null = null,
): Promise<Response> {
  return t.request({ method: "POST", url: "/api/v1/invitations/accept", body, cookie });
}

/** A new person signs up through the link. */
export function signUpWith(t: TestApp, token: string, name = "Nia New"): Promise<Response> {
  return acceptInvitation(t, { token, name, password: DEFAULT_PASSWORD });
}

export function invitationAction(
  t: TestApp,
  org: OrgFixture,
  invitationId: string,
  action: "resend" | "revoke" | "extend",
  body?: unknown,
  as: MemberFixture = org.admin,
): Promise<Response> {
  return t.request({
    method: "POST",
    url: invitationUrl(org.orgId, invitationId, `/${action}`),
    cookie: as.cookie,
    ...(body !== undefined && { body }),
  });
}

export function getMe(t: TestApp, cookie: string | null): Promise<Response> {
  return t.request({ method: "GET", url: "/api/v1/me", cookie });
}

export function getOrg(t: TestApp, org: OrgFixture, as: MemberFixture = org.admin): Promise<Response> {
  return t.request({ method: "GET", url: orgUrl(org.orgId), cookie: as.cookie });
}

export function patchOrg(t: TestApp, org: OrgFixture, body: unknown): Promise<Response> {
  return t.request({ method: "PATCH", url: orgUrl(org.orgId), cookie: org.admin.cookie, body });
}

export async function createTeam(t: TestApp, org: OrgFixture, name: string): Promise<string> {
  const response = await t.request({
    method: "POST",
    url: orgUrl(org.orgId, "/teams"),
    cookie: org.admin.cookie,
    body: { name },
  });
  expectStatus(response, 201);
  return (response.json() as { id: string }).id;
}

/** Every status of the org's invitations, following nextCursor to the end. */
export async function listAllInvitations(
  t: TestApp,
  org: OrgFixture,
  query = "",
  limit = 50,
): Promise<{ items: InvitationJson[]; pages: number }> {
  const items: InvitationJson[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const params = new URLSearchParams(query);
    params.set("limit", String(limit));
    if (cursor) params.set("cursor", cursor);
    const response = await t.request({
      method: "GET",
      url: orgUrl(org.orgId, `/invitations?${params}`),
      cookie: org.admin.cookie,
    });
    expectStatus(response, 200);
    const page = response.json() as { items: InvitationJson[]; nextCursor: string | null };
    items.push(...page.items);
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor !== null && pages < 100);
  return { items, pages };
}
