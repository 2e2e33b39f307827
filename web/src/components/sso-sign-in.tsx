import { type FormEvent, useState } from "react";
import { errorMessage } from "../api/client";
import { discoverSso, ssoStartUrl } from "../api/sso-endpoints";
import { ErrorText } from "./error-text";
import { TextField } from "./text-field";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Finds the organization that signs this email in with SSO (its verified domain) and goes to its
 * identity provider, with the email as the provider's login hint. Throws the API's error
 * (SSO_NOT_AVAILABLE says what to do instead).
 */
export async function goToSsoFor(email: string, next: string | null): Promise<void> {
  const { redirectTo } = await discoverSso(email.trim(), next);
  window.location.assign(redirectTo);
}

/** "Sign in with SSO" by work email: the organization is found from the email's verified domain. */
export function SsoEmailSignIn({ next, initialEmail = "" }: { next: string | null; initialEmail?: string }) {
  const [email, setEmail] = useState(initialEmail);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await goToSsoFor(email, next);
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} className="form">
      <TextField
        label="Work email"
        type="email"
        autoComplete="username"
        required
        value={email}
        onChange={setEmail}
        hint="We find your organization from your email’s domain."
      />
      <ErrorText message={error} />
      <button type="submit" className="button button-primary button-block" disabled={isBusy}>
        {isBusy ? "Finding your organization…" : "Continue with SSO"}
      </button>
    </form>
  );
}

/**
 * SSO by the organization's id or its sign-in link (from an admin), for an email whose domain the
 * organization has not verified.
 */
export function SsoSignIn({ next }: { next: string | null }) {
  const [orgId, setOrgId] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = orgId.trim();
    const fromLink = /\/sso\/([0-9a-f-]{36})/i.exec(value)?.[1];
    const id = fromLink ?? value;
    if (!UUID.test(id)) {
      setError("Enter your organization’s ID or paste its SSO sign-in link (ask an admin for it).");
      return;
    }
    window.location.assign(ssoStartUrl(id, next));
  };
  return (
    <form onSubmit={submit} className="form">
      <TextField
        label="Organization ID or SSO link"
        value={orgId}
        onChange={setOrgId}
        hint="Your admin can give you your organization’s sign-in link."
      />
      <ErrorText message={error} />
      <button type="submit" className="button button-block">
        Continue with the link
      </button>
    </form>
  );
}
