import { type FormEvent, useEffect, useState } from "react";
import { errorMessage } from "../api/client";
import { login } from "../api/endpoints";
import type { Me } from "../api/types";
import { AuthLayout } from "../components/auth-layout";
import { ErrorText } from "../components/error-text";
import { PageTitle } from "../components/page-title";
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
        <ErrorText message={error} />
        <button type="submit" className="button button-primary button-block" disabled={isBusy}>
          {isBusy ? "Signing in…" : "Sign in"}
        </button>
      </form>
      <p className="sso-sign-in">
        <Link to={safeNext(next) ? `/sso?next=${encodeURIComponent(safeNext(next) ?? "")}` : "/sso"}>
          Sign in with SSO
        </Link>
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
