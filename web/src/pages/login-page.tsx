import { type FormEvent, useEffect, useState } from "react";
import { errorMessage, isApiError } from "../api/client";
import { login } from "../api/endpoints";
import type { Me } from "../api/types";
import { AuthLayout } from "../components/auth-layout";
import { ErrorText } from "../components/error-text";
import { PageTitle } from "../components/page-title";
import { goToSsoFor } from "../components/sso-sign-in";
import { TextField } from "../components/text-field";
import { Link, navigate, safeNext, useLocation } from "../router";
import { useSession } from "../session/session";

/** Where a signed-in person goes: the `next` page they came from, else their first organization. */
export function landingPath(me: Me | null, next: string | null): string {
  const safe = safeNext(next);
  if (safe) return safe;
  const first = me?.memberships[0];
  return first ? `/orgs/${first.orgId}` : "/";
}

export function LoginPage() {
  const { state, refresh } = useSession();
  const { search } = useLocation();
  const next = new URLSearchParams(search).get("next");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    if (state.status === "signed-in") navigate(landingPath(state.me, next), { replace: true });
  }, [state, next]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(email, password);
      const me = await refresh();
      navigate(landingPath(me, next), { replace: true });
    } catch (caught) {
      // The email's organization requires SSO: go there instead of asking for a password.
      if (isApiError(caught, "SSO_REQUIRED")) {
        setNotice("Your organization signs in with single sign-on. Taking you to it…");
        try {
          await goToSsoFor(email, safeNext(next));
        } catch {
          // No enabled SSO connection to go to yet: say that SSO is required, as the server did.
          setNotice(null);
          setError(errorMessage(caught));
          setBusy(false);
        }
        return;
      }
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  /** "Continue with SSO": the email typed here finds the organization; without one, the SSO page. */
  const signInWithSso = async () => {
    if (email.trim() === "") {
      const query = new URLSearchParams(safeNext(next) ? { next: safeNext(next) ?? "" } : {});
      navigate(`/sso${query.size > 0 ? `?${query.toString()}` : ""}`);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await goToSsoFor(email, safeNext(next));
    } catch (caught) {
      setNotice(null);
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  return (
    <AuthLayout>
      <PageTitle title="Sign in">Sign in</PageTitle>
      <p className="muted">Sign in to manage your organization’s people, teams and invitations.</p>
      <form onSubmit={submit} className="form">
        <TextField
          label="Email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={setEmail}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={setPassword}
        />
        {notice && (
          <p className="muted" role="status">
            {notice}
          </p>
        )}
        <ErrorText message={error} />
        <button type="submit" className="button button-primary button-block" disabled={isBusy}>
          {isBusy ? "Signing in…" : "Sign in"}
        </button>
        {/* Not "Sign in with SSO": that would also answer to the name "Sign in" (accessible-name substring). */}
        <button type="button" className="button button-block" disabled={isBusy} onClick={signInWithSso}>
          Continue with SSO
        </button>
      </form>
      <p className="muted small sso-sign-in">
        Signing in with SSO needs only your work email. Have your organization’s sign-in link?{" "}
        <Link to={safeNext(next) ? `/sso?next=${encodeURIComponent(safeNext(next) ?? "")}` : "/sso"}>
          Use it here
        </Link>
        .
      </p>
      <p className="muted small">
        Invited by a teammate? Open the link they sent you to create your account.
      </p>
      <p className="muted small">
        New here? <Link to="/join">Join your team with your work email</Link>
      </p>
    </AuthLayout>
  );
}
