import { type FormEvent, useEffect, useId, useState } from "react";
import { errorMessage, isApiError } from "../api/client";
import {
  deleteOidcConnection,
  getOidcConnection,
  type OidcConnection,
  type SsoTestResult,
  saveOidcConnection,
  startTestLogin,
} from "../api/sso-endpoints";
import { useAnnounce } from "../components/announcer";
import { CopyLink } from "../components/copy-link";
import { ErrorText } from "../components/error-text";
import { Loading } from "../components/loading";
import { PageHeader } from "../components/page-header";
import { SettingsLayout } from "../components/settings-layout";
import { TextField } from "../components/text-field";
import { ORG_ROLE_CHOICES, ORG_ROLE_LABELS, type OrgRole } from "../domain";
import { useResource } from "../lib/use-resource";
import { Link, useLocation } from "../router";
import { useOrg } from "../session/org-context";

type Form = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  defaultRole: OrgRole;
  groupsClaim: string;
  enabled: boolean;
};

const EMPTY: Form = {
  issuer: "",
  clientId: "",
  clientSecret: "",
  scopes: "openid email profile groups",
  defaultRole: "member",
  groupsClaim: "groups",
  enabled: true,
};

function formOf(connection: OidcConnection): Form {
  return {
    issuer: connection.issuer,
    clientId: connection.clientId,
    clientSecret: "",
    scopes: connection.scopes.join(" "),
    defaultRole: connection.defaultRole,
    groupsClaim: connection.groupsClaim,
    enabled: connection.enabled,
  };
}

/** The claims a test login brought back: the callback puts them in the URL fragment. */
function readTestResult(hash: string): SsoTestResult | null {
  const match = /^#sso-test=([A-Za-z0-9_-]+)$/.exec(hash);
  if (!match?.[1]) return null;
  try {
    const base64 = match[1].replace(/-/g, "+").replace(/_/g, "/");
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as SsoTestResult;
  } catch {
    return null;
  }
}

/** Settings → Single sign-on: the org's OIDC connection, its redirect URI, and a test login. */
export function SsoSettingsPage() {
  const { org } = useOrg();
  const announce = useAnnounce();
  const { hash } = useLocation();
  const connection = useResource(`sso:${org.id}`, async () => {
    try {
      return await getOidcConnection(org.id);
    } catch (error) {
      if (isApiError(error, "SSO_NOT_CONFIGURED")) return null;
      throw error;
    }
  });
  const [form, setForm] = useState<Form>(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [testResult] = useState(() => readTestResult(hash));
  const roleId = useId();
  const enabledId = useId();

  useEffect(() => {
    if (connection.data) setForm(formOf(connection.data));
  }, [connection.data]);

  const set =
    <K extends keyof Form>(key: K) =>
    (value: Form[K]) =>
      setForm((f) => ({ ...f, [key]: value }));
  const current = connection.data ?? null;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const saved = await saveOidcConnection(org.id, {
        issuer: form.issuer,
        clientId: form.clientId,
        ...(form.clientSecret && { clientSecret: form.clientSecret }),
        scopes: form.scopes.split(/\s+/).filter(Boolean),
        defaultRole: form.defaultRole,
        groupsClaim: form.groupsClaim,
        enabled: form.enabled,
      });
      connection.setData(() => saved);
      announce("Single sign-on connection saved");
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  const test = async () => {
    setError(null);
    try {
      const { redirectTo } = await startTestLogin(org.id);
      window.location.assign(redirectTo);
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };

  const remove = async () => {
    setError(null);
    try {
      await deleteOidcConnection(org.id);
      connection.setData(() => null);
      setForm(EMPTY);
      announce("Single sign-on connection removed");
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };

  const redirectUri = current?.redirectUri ?? `${window.location.origin}/api/v1/sso/callback`;
  return (
    <SettingsLayout>
      <PageHeader
        title="Single sign-on"
        help="Connect your identity provider (OpenID Connect). People sign in with it; first-time users are added with the default role, and the group mapping sets roles and teams at every sign-in."
      />
      {testResult && (
        <section className="card" aria-labelledby="sso-test-title">
          <h2 id="sso-test-title">Test login result</h2>
          <p className="muted">
            The identity provider signed in <strong>{testResult.email ?? testResult.subject}</strong>
            {testResult.emailVerified
              ? " (email verified)"
              : " (email NOT verified: existing accounts will not be linked)"}
            . Nobody was signed in to Gatehouse.
          </p>
          <p>Groups received: {testResult.groups.length > 0 ? testResult.groups.join(", ") : "none"}</p>
          <pre className="code-block">{JSON.stringify(testResult.claims, null, 2)}</pre>
        </section>
      )}
      <section className="card" aria-labelledby="sso-idp-title">
        <h2 id="sso-idp-title">At your identity provider</h2>
        <p className="muted">Create an OpenID Connect web application and register this redirect URI.</p>
        <CopyLink url={redirectUri} label="Redirect URI" />
        {current && <CopyLink url={current.loginUrl} label="Sign-in link for your people" />}
      </section>
      <section className="card" aria-labelledby="sso-form-title">
        <h2 id="sso-form-title">Connection</h2>
        {connection.isLoading && connection.data === undefined && <Loading />}
        <ErrorText message={connection.error ? errorMessage(connection.error) : null} />
        <form className="form" onSubmit={save}>
          <TextField
            label="Issuer"
            required
            value={form.issuer}
            onChange={set("issuer")}
            placeholder="https://login.example.com/realms/acme"
            hint="Gatehouse reads <issuer>/.well-known/openid-configuration when you save."
          />
          <TextField label="Client ID" required value={form.clientId} onChange={set("clientId")} />
          <TextField
            label="Client secret"
            type="password"
            autoComplete="off"
            required={!current}
            value={form.clientSecret}
            onChange={set("clientSecret")}
            hint={
              current
                ? "Stored and never shown. Leave empty to keep it."
                : "Stored sealed and never shown again."
            }
          />
          <TextField
            label="Scopes"
            value={form.scopes}
            onChange={set("scopes")}
            hint="Separated by spaces."
          />
          <div className="field">
            <label htmlFor={roleId}>Default role</label>
            <select
              id={roleId}
              className="select"
              value={form.defaultRole}
              onChange={(event) => set("defaultRole")(event.target.value as OrgRole)}
            >
              {ORG_ROLE_CHOICES.map((role) => (
                <option key={role} value={role}>
                  {ORG_ROLE_LABELS[role]}
                </option>
              ))}
            </select>
          </div>
          <TextField
            label="Groups claim"
            value={form.groupsClaim}
            onChange={set("groupsClaim")}
            hint={
              <>
                The ID token claim that lists the person’s groups.{" "}
                <Link to={`/orgs/${org.id}/settings/group-mapping`}>Edit the group mapping</Link>
              </>
            }
          />
          <div className="field field-inline">
            <input
              id={enabledId}
              type="checkbox"
              checked={form.enabled}
              onChange={(event) => set("enabled")(event.target.checked)}
            />
            <label htmlFor={enabledId}>People can sign in with SSO</label>
          </div>
          <ErrorText message={error} />
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={isBusy}>
              {isBusy ? "Checking the provider…" : "Save"}
            </button>
            <button type="button" className="button" onClick={test} disabled={!current}>
              Test login
            </button>
            {current && (
              <button type="button" className="button button-danger" onClick={remove}>
                Remove connection
              </button>
            )}
          </div>
        </form>
      </section>
    </SettingsLayout>
  );
}
