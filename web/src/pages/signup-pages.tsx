import { type FormEvent, type ReactNode, useState } from "react";
import { errorMessage, isApiError } from "../api/client";
import { completeSignup, getSignupAvailability, type SignupJoin, startSignup } from "../api/signup-endpoints";
import { AuthLayout } from "../components/auth-layout";
import { ErrorText } from "../components/error-text";
import { Loading } from "../components/loading";
import { PageTitle } from "../components/page-title";
import { NewPasswordField, TextField } from "../components/text-field";
import { DEFAULT_MESSAGES, ORG_ROLE_LABELS } from "../domain";
import { useHashToken } from "../lib/use-hash-token";
import { useResource } from "../lib/use-resource";
import { Link } from "../router";
import { useSession } from "../session/session";

/**
 * "Join your team" (issue 5): a person types their work email; when an org has verified its domain,
 * a one-time link arrives there. The answer on screen is the same for every address, so the page
 * never says which domains are verified or who already has an account.
 */
export function JoinPage() {
  const availability = useResource("signup-availability", getSignupAvailability);
  const [email, setEmail] = useState("");
  const [sentTo, setSentTo] = useState<{ email: string; message: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await startSignup(email.trim());
      setSentTo({ email: email.trim(), message: answer.message });
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  if (availability.isLoading && !availability.data) {
    return (
      <AuthLayout>
        <Loading />
      </AuthLayout>
    );
  }
  if (availability.data?.available === false) {
    return (
      <AuthLayout>
        <PageTitle title="Join your team">Join your team</PageTitle>
        <div className="panel panel-warning" role="status">
          <p>{DEFAULT_MESSAGES.SIGNUP_UNAVAILABLE}</p>
        </div>
        <BackToSignIn />
      </AuthLayout>
    );
  }
  if (sentTo) {
    return (
      <AuthLayout>
        <PageTitle title="Check your email">Check your email</PageTitle>
        <p role="status">{sentTo.message}</p>
        <p className="muted">
          We wrote to <strong>{sentTo.email}</strong>. Nothing there after a few minutes? Check the spam
          folder, or ask an admin of your organization to invite you.
        </p>
        <p>
          <button type="button" className="button" onClick={() => setSentTo(null)}>
            Use a different email
          </button>
        </p>
        <BackToSignIn />
      </AuthLayout>
    );
  }
  return (
    <AuthLayout>
      <PageTitle title="Join your team">Join your team</PageTitle>
      <p className="muted">
        Enter your work email. If your organization lets people with your email domain join, we will send you
        a link to create your account.
      </p>
      <form onSubmit={submit} className="form">
        <TextField
          label="Work email"
          type="email"
          autoComplete="email"
          required
          maxLength={320}
          placeholder="you@company.com"
          value={email}
          onChange={setEmail}
        />
        <ErrorText message={error ?? (availability.error ? errorMessage(availability.error) : null)} />
        <button type="submit" className="button button-primary button-block" disabled={isBusy}>
          {isBusy ? "Sending…" : "Send me a link"}
        </button>
      </form>
      <BackToSignIn />
    </AuthLayout>
  );
}

function BackToSignIn() {
  return (
    <p className="muted small">
      Already have an account? <Link to="/login">Sign in</Link>
    </p>
  );
}

/** Errors after which this link is of no more use: the way on is to start again (or sign in). */
const DEAD_LINK = [
  "SIGNUP_LINK_INVALID",
  "SIGNUP_LINK_EXPIRED",
  "SIGNUP_LINK_USED",
  "ACCOUNT_EXISTS",
] as const;

/** What the emailed link opens: choose a name and password, then in, or waiting for an admin. */
export function JoinVerifyPage() {
  const token = useHashToken();
  const { refresh } = useSession();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<{ message: string; isDead: boolean } | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [joins, setJoins] = useState<SignupJoin[] | null>(null);

  if (!token) {
    return <DeadLink title="Sign-up link not valid">{DEFAULT_MESSAGES.SIGNUP_LINK_INVALID}</DeadLink>;
  }
  if (joins) return <Joined joins={joins} />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await completeSignup({ token, name: name.trim(), password });
      await refresh();
      setJoins(result.joins);
    } catch (caught) {
      setBusy(false);
      setError({ message: errorMessage(caught), isDead: DEAD_LINK.some((code) => isApiError(caught, code)) });
    }
  };

  if (error?.isDead) return <DeadLink title="This link no longer works">{error.message}</DeadLink>;

  return (
    <AuthLayout>
      <PageTitle title="Create your account">Create your account</PageTitle>
      <p className="muted">Your email is confirmed. Choose your name and a password to finish.</p>
      <form className="form" onSubmit={submit}>
        <TextField
          label="Your name"
          required
          maxLength={100}
          autoComplete="name"
          value={name}
          onChange={setName}
        />
        <NewPasswordField value={password} onChange={setPassword} />
        <ErrorText message={error?.message ?? null} />
        <button type="submit" className="button button-primary button-block" disabled={isBusy}>
          {isBusy ? "Creating your account…" : "Create account"}
        </button>
      </form>
    </AuthLayout>
  );
}

function DeadLink({ title, children }: { title: string; children: ReactNode }) {
  return (
    <AuthLayout>
      <PageTitle title={title}>{title}</PageTitle>
      <p role="alert">{children}</p>
      <p>
        <Link to="/join" className="button button-primary">
          Start again
        </Link>{" "}
        <Link to="/login" className="button">
          Sign in
        </Link>
      </p>
    </AuthLayout>
  );
}

/** "You're in" when a membership came of it, else "waiting for an admin". */
function Joined({ joins }: { joins: SignupJoin[] }) {
  const joined = joins.filter((j) => j.outcome === "joined");
  const waiting = joins.filter((j) => j.outcome !== "joined");
  const first = joined[0];
  return (
    <AuthLayout>
      {first ? (
        <PageTitle title="You're in">You're in</PageTitle>
      ) : (
        <PageTitle title="Request sent">Your request is waiting for an admin</PageTitle>
      )}
      {joined.map((j) => (
        <p key={j.orgId}>
          You joined <strong>{j.orgName}</strong> as {ORG_ROLE_LABELS[j.role]}.
        </p>
      ))}
      {waiting.map((j) => (
        <p key={j.orgId}>
          We asked the admins of <strong>{j.orgName}</strong> to let you in
          {j.outcome === "no_seat" ? " (every seat is taken right now)" : ""}. You will have access as soon as
          one of them approves; sign in again then.
        </p>
      ))}
      <p>
        {first ? (
          <Link to={`/orgs/${first.orgId}`} className="button button-primary">
            Open {first.orgName}
          </Link>
        ) : (
          <Link to="/" className="button">
            Continue
          </Link>
        )}
      </p>
    </AuthLayout>
  );
}
