import type { OrgRole } from "../domain";
import { api } from "./client";

const enc = encodeURIComponent;
const oidc = (orgId: string) => `/api/v1/orgs/${enc(orgId)}/sso/oidc`;

export type OidcConnection = {
  issuer: string;
  clientId: string;
  clientSecretSet: true;
  scopes: string[];
  defaultRole: OrgRole;
  groupsClaim: string;
  enabled: boolean;
  redirectUri: string;
  loginUrl: string;
  createdAt: string;
  updatedAt: string;
};

export type OidcConnectionInput = {
  issuer: string;
  clientId: string;
  /** Left out to keep the stored secret. */
  clientSecret?: string;
  scopes: string[];
  defaultRole: OrgRole;
  groupsClaim: string;
  enabled: boolean;
};

/** What a test login received from the IdP (the callback puts it in the URL fragment). */
export type SsoTestResult = {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  groups: string[];
  claims: Record<string, unknown>;
};

export const getOidcConnection = (orgId: string) => api<OidcConnection>("GET", oidc(orgId));
export const saveOidcConnection = (orgId: string, body: OidcConnectionInput) =>
  api<OidcConnection>("PUT", oidc(orgId), { body });
export const deleteOidcConnection = (orgId: string) => api<{ ok: true }>("DELETE", oidc(orgId));
export const startTestLogin = (orgId: string) => api<{ redirectTo: string }>("POST", `${oidc(orgId)}/test`);

/** The address that starts SSO sign-in for an org (a full-page navigation: it redirects to the IdP). */
export const ssoStartUrl = (orgId: string, returnTo?: string | null) =>
  `/api/v1/sso/${enc(orgId)}/start${returnTo ? `?returnTo=${enc(returnTo)}` : ""}`;

/** Home-realm discovery: where "Sign in with SSO" goes for this email (SSO_NOT_AVAILABLE when nowhere). */
export const discoverSso = (email: string, returnTo?: string | null) =>
  api<{ orgId: string; redirectTo: string }>("POST", "/api/v1/auth/sso/discover", {
    body: { email, ...(returnTo ? { returnTo } : {}) },
    allowSignedOut: true,
  });
