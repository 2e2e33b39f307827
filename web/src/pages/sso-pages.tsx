import { useEffect } from "react";
import { ssoStartUrl } from "../api/sso-endpoints";
import { AuthLayout } from "../components/auth-layout";
import { PageTitle } from "../components/page-title";
import { SsoEmailSignIn, SsoSignIn } from "../components/sso-sign-in";
import { Link, safeNext, useLocation } from "../router";

/** /sso/:orgId — a per-org SSO link: goes straight to the organization's identity provider. */
export function SsoStartPage({ orgId }: { orgId: string }) {
  const { search } = useLocation();
  const next = safeNext(new URLSearchParams(search).get("next"));
  useEffect(() => {
    window.location.assign(ssoStartUrl(orgId, next));
  }, [orgId, next]);
  return (
    <AuthLayout>
      <PageTitle title="Single sign-on">Signing you in…</PageTitle>
      <p className="muted">
        Taking you to your organization’s identity provider. <a href={ssoStartUrl(orgId, next)}>Continue</a>
      </p>
    </AuthLayout>
  );
}

/** /sso/error — why single sign-on did not complete, and what to do next. */
export function SsoErrorPage() {
  const { search } = useLocation();
  const params = new URLSearchParams(search);
  const message =
    params.get("message") ?? "Single sign-on did not complete. Start again from the sign-in page.";
  const code = params.get("code");
  return (
    <AuthLayout>
      <PageTitle title="Sign-in failed">Single sign-on did not complete</PageTitle>
      <p role="alert">{message}</p>
      {code && <p className="muted small">Error code: {code}</p>}
      <p>
        <Link to="/login">Back to sign in</Link>
      </p>
    </AuthLayout>
  );
}

/**
 * /sso — "Sign in with SSO": the work email finds the organization (its verified domain); the
 * organization's ID or sign-in link works too. `?email=` fills the email in.
 */
export function SsoSignInPage() {
  const { search } = useLocation();
  const params = new URLSearchParams(search);
  const next = safeNext(params.get("next"));
  return (
    <AuthLayout>
      <PageTitle title="Sign in with SSO">Sign in with SSO</PageTitle>
      <p className="muted">Your organization signs you in through its identity provider.</p>
      <SsoEmailSignIn next={next} initialEmail={params.get("email") ?? ""} />
      <details className="sso-by-link">
        <summary>Use your organization’s sign-in link instead</summary>
        <SsoSignIn next={next} />
      </details>
      <p className="muted small">
        <Link to="/login">Sign in with email and password instead</Link>
      </p>
    </AuthLayout>
  );
}
