import { type FormEvent, useState } from "react";
import { errorMessage, isApiError } from "../api/client";
import { acceptInvitation } from "../api/endpoints";
import type { InvitationPreview } from "../api/types";
import { DEFAULT_MESSAGES } from "../domain";
import { navigate } from "../router";
import { useSession } from "../session/session";
import { ErrorText } from "./error-text";
import { Loading } from "./loading";
import { NewPasswordField, TextField } from "./text-field";

type PanelProps = { token: string; invitation: InvitationPreview; onStale: () => void };

/** Errors after which the invitation itself changed: re-read it and show the matching page. */
const STALE = ["INVITATION_EXPIRED", "INVITATION_REVOKED", "INVITATION_USED", "ACCOUNT_EXISTS"] as const;

/**
 * The three ways to accept a pending invitation: a new account (name + password), an existing account
 * signing in (password), or the person already signed in with the invited email.
 */
export function InviteAcceptPanel({ token, invitation, onStale }: PanelProps) {
  const { state, refresh, signOut } = useSession();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const accept = async (input: { name?: string; password?: string }) => {
    setBusy(true);
    setError(null);
    try {
      const result = await acceptInvitation({ token, ...input });
      await refresh();
      navigate(`/orgs/${result.membership.orgId}`, { replace: true });
    } catch (caught) {
      setBusy(false);
      if (STALE.some((code) => isApiError(caught, code))) onStale();
      setError(errorMessage(caught));
    }
  };
  const submit = (input: { name?: string; password?: string }) => (event: FormEvent) => {
    event.preventDefault();
    void accept(input);
  };

  if (state.status === "loading") return <Loading />;

  if (state.status === "signed-in") {
    const { user } = state.me;
    if (user.email.toLowerCase() !== invitation.email.toLowerCase()) {
      return (
        <div className="panel panel-warning">
          <p>
            This invitation is for <strong>{invitation.email}</strong>, but you are signed in as{" "}
            <strong>{user.email}</strong>.
          </p>
          <p>{DEFAULT_MESSAGES.INVITATION_EMAIL_MISMATCH}</p>
          <button type="button" className="button button-primary" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      );
    }
    return (
      <div className="panel">
        <p>
          You are signed in as <strong>{user.name}</strong> ({user.email}).
        </p>
        <ErrorText message={error} />
        <button
          type="button"
          className="button button-primary"
          disabled={isBusy}
          onClick={() => void accept({})}
        >
          {isBusy ? "Accepting…" : "Accept invitation"}
        </button>
      </div>
    );
  }

  const emailField = (
    <TextField
      label="Email"
      type="email"
      value={invitation.email}
      readOnly
      hint="The invitation is for this address; it cannot be changed."
      autoComplete="username"
    />
  );

  if (invitation.hasAccount) {
    return (
      <form className="form panel" onSubmit={submit({ password })}>
        <h2>You already have an account: sign in to accept</h2>
        {emailField}
        <TextField
          label="Password"
          type="password"
          required
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
        />
        <ErrorText message={error} />
        <button type="submit" className="button button-primary button-block" disabled={isBusy}>
          {isBusy ? "Signing in…" : "Sign in and accept"}
        </button>
      </form>
    );
  }

  return (
    <form className="form panel" onSubmit={submit({ name: name.trim(), password })}>
      <h2>Create your account</h2>
      {emailField}
      <TextField
        label="Your name"
        required
        maxLength={100}
        autoComplete="name"
        value={name}
        onChange={setName}
      />
      <NewPasswordField value={password} onChange={setPassword} />
      <ErrorText message={error} />
      <button type="submit" className="button button-primary button-block" disabled={isBusy}>
        {isBusy ? "Creating your account…" : "Create account and join"}
      </button>
    </form>
  );
}
