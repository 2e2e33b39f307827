import { type FormEvent, type ReactNode, useId, useState } from "react";
import { errorMessage } from "../api/client";
import { completeSetup, getSetupStatus } from "../api/endpoints";
import { AuthLayout } from "../components/auth-layout";
import { ErrorText } from "../components/error-text";
import { Loading } from "../components/loading";
import { PageTitle } from "../components/page-title";
import { NewPasswordField, TextField } from "../components/text-field";
import { PLAN_RULES, PLANS, type Plan } from "../domain";
import { useHashToken } from "../lib/use-hash-token";
import { useResource } from "../lib/use-resource";
import { Link, navigate } from "../router";
import { useSession } from "../session/session";

/** First run: the one-time link Gatehouse prints at start-up creates the first organization and its admin. */
export function SetupPage() {
  const token = useHashToken();
  const status = useResource("setup", getSetupStatus);

  let body: ReactNode;
  if (status.isLoading && !status.data) body = <Loading />;
  else if (status.error) body = <ErrorText message={errorMessage(status.error)} />;
  else if (!status.data?.required) {
    body = (
      <>
        <p>Gatehouse is already set up: its first organization exists.</p>
        <p>
          <Link to="/login" className="button button-primary">
            Go to sign in
          </Link>
        </p>
      </>
    );
  } else if (!token) {
    body = (
      <p>
        Open the one-time setup link Gatehouse printed when it started, or run <code>gatehouse setup</code>.
      </p>
    );
  } else {
    body = <SetupForm token={token} />;
  }

  return (
    <AuthLayout wide>
      <PageTitle title="Set up Gatehouse">Set up Gatehouse</PageTitle>
      {body}
    </AuthLayout>
  );
}

function SetupForm({ token }: { token: string }) {
  const { refresh } = useSession();
  const planId = useId();
  const [form, setForm] = useState({
    orgName: "",
    plan: "team" as Plan,
    adminName: "",
    adminEmail: "",
    adminPassword: "",
  });
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const set = (field: keyof typeof form) => (value: string) =>
    setForm((current) => ({ ...current, [field]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await completeSetup({ token, ...form });
      await refresh();
      navigate(`/orgs/${result.org.id}`, { replace: true });
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={submit}>
      <p className="muted">
        Create your organization and its first admin. You can invite everyone else afterwards.
      </p>
      <TextField
        label="Organization name"
        required
        maxLength={100}
        value={form.orgName}
        onChange={set("orgName")}
      />
      <div className="field">
        <label htmlFor={planId}>Plan</label>
        <select
          id={planId}
          className="select"
          value={form.plan}
          onChange={(event) => set("plan")(event.target.value)}
        >
          {PLANS.map((plan) => (
            <option key={plan} value={plan}>
              {PLAN_RULES[plan].label}
            </option>
          ))}
        </select>
        <p className="hint">{PLAN_RULES[form.plan].usersPageHelp}</p>
      </div>
      <fieldset className="fieldset">
        <legend>First admin</legend>
        <TextField
          label="Your name"
          required
          maxLength={100}
          autoComplete="name"
          value={form.adminName}
          onChange={set("adminName")}
        />
        <TextField
          label="Email"
          type="email"
          required
          autoComplete="username"
          value={form.adminEmail}
          onChange={set("adminEmail")}
        />
        <NewPasswordField value={form.adminPassword} onChange={set("adminPassword")} />
      </fieldset>
      <ErrorText message={error} />
      <button type="submit" className="button button-primary button-block" disabled={isBusy}>
        {isBusy ? "Setting up…" : "Create organization"}
      </button>
    </form>
  );
}
