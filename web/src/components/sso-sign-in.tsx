import { type FormEvent, useState } from "react";
import { ssoStartUrl } from "../api/sso-endpoints";
import { ErrorText } from "./error-text";
import { TextField } from "./text-field";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * "Sign in with SSO" on the sign-in page: the organization's id (from its sign-in link or an admin)
 * starts the flow at its identity provider. (Finding the org from an email's verified domain comes
 * with verified domains.)
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
        Continue with SSO
      </button>
    </form>
  );
}
