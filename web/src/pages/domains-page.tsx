import { type FormEvent, useId, useState } from "react";
import { errorMessage } from "../api/client";
import {
  claimDomain,
  type DomainMode,
  listDomains,
  type OrgDomain,
  type OrgRoleName,
  removeDomain,
  updateDomain,
  verifyDomain,
} from "../api/domain-endpoints";
import { useAnnounce } from "../components/announcer";
import { ConfirmDialog } from "../components/confirm-dialog";
import { CopyLink } from "../components/copy-link";
import { ErrorText } from "../components/error-text";
import { Loading } from "../components/loading";
import { PageHeader } from "../components/page-header";
import { SettingsLayout } from "../components/settings-layout";
import { useResource } from "../lib/use-resource";
import { useOrg } from "../session/org-context";

const MODES: { value: DomainMode; label: string }[] = [
  { value: "off", label: "Off: nobody joins through the domain" },
  { value: "auto", label: "Join automatically" },
  { value: "approval", label: "Ask an admin to approve" },
];

/** Settings → Domains: claim a domain, publish its TXT record, verify, choose how people join. */
export function DomainsPage() {
  const { org } = useOrg();
  const announce = useAnnounce();
  const domains = useResource(`domains:${org.id}`, () => listDomains(org.id));
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();

  const claim = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const { domain } = await claimDomain(org.id, { domain: name });
      announce(`${domain.domain} claimed. Publish its TXT record, then verify.`);
      setName("");
      domains.reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const items = domains.data?.domains ?? [];
  const enforcedWithoutSso =
    domains.data && !domains.data.ssoConfigured && items.some((d) => d.verified && d.requireSso);

  return (
    <SettingsLayout>
      <PageHeader
        title="Domains"
        help="Prove your organization owns an email domain with a DNS TXT record. People with a verified email there can then join automatically or ask to join."
      />
      {enforcedWithoutSso && (
        <p className="panel panel-warning" role="alert">
          A domain requires single sign-on, but this organization has no SSO connection yet: people at that
          domain cannot sign in with a password. Set up SSO or turn off "Require SSO".
        </p>
      )}
      <section className="card" aria-labelledby="claim-title">
        <h2 id="claim-title">Add a domain</h2>
        <form onSubmit={claim} className="button-row">
          <div className="field">
            <label htmlFor={inputId}>Domain</label>
            <input
              id={inputId}
              className="input"
              value={name}
              placeholder="example.com"
              onChange={(e) => setName(e.target.value)}
              required
            />
          </div>
          <button type="submit" className="button button-primary">
            Add domain
          </button>
        </form>
        <ErrorText message={error} />
      </section>
      <ErrorText message={domains.error ? errorMessage(domains.error) : null} />
      {domains.isLoading && !domains.data && <Loading />}
      {domains.data && items.length === 0 && <p className="empty">No domains yet.</p>}
      {items.map((d) => (
        <DomainCard key={d.id} domain={d} onChange={domains.reload} />
      ))}
    </SettingsLayout>
  );
}

function DomainCard({ domain, onChange }: { domain: OrgDomain; onChange: () => void }) {
  const { org } = useOrg();
  const announce = useAnnounce();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState(false);
  const modeId = useId();
  const roleId = useId();
  const titleId = useId();

  const run = async (what: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      await what();
      announce(done);
      onChange();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const change = (changes: Parameters<typeof updateDomain>[2]) =>
    run(() => updateDomain(org.id, domain.id, changes), `${domain.domain} updated.`);

  return (
    <section className="card stack" aria-labelledby={titleId}>
      <h2 id={titleId}>
        {domain.domain}{" "}
        <span className={`badge ${domain.verified ? "badge-approved" : "badge-pending"}`}>
          {domain.verified ? "Verified" : "Not verified"}
        </span>
      </h2>
      {!domain.verified && (
        <div>
          <p>
            Publish a DNS record of type <strong>TXT</strong> at <code>{domain.verificationRecord.name}</code>{" "}
            with this exact value, wait a few minutes, then verify.
          </p>
          <CopyLink url={domain.verificationRecord.value} label="TXT record value" />
          <button
            type="button"
            className="button button-primary"
            disabled={busy}
            onClick={() => run(() => verifyDomain(org.id, domain.id), `${domain.domain} verified.`)}
          >
            Verify
          </button>
        </div>
      )}
      <div className="field-row">
        <div className="field">
          <label htmlFor={modeId}>People with a verified email at {domain.domain}</label>
          <select
            id={modeId}
            className="input"
            value={domain.mode}
            disabled={busy}
            onChange={(e) => change({ mode: e.target.value as DomainMode })}
          >
            {MODES.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={roleId}>Default role</label>
          <select
            id={roleId}
            className="input"
            value={domain.defaultRole}
            disabled={busy}
            onChange={(e) => change({ defaultRole: e.target.value as OrgRoleName })}
          >
            <option value="viewer">Viewer</option>
            <option value="member">User</option>
            <option value="admin">Admin</option>
          </select>
        </div>
      </div>
      <div className="button-row">
        <label className="toggle">
          <input
            type="checkbox"
            checked={domain.includeSubdomains}
            disabled={busy}
            onChange={(e) => change({ includeSubdomains: e.target.checked })}
          />{" "}
          Include subdomains (like eng.{domain.domain})
        </label>
        <label className="toggle">
          <input
            type="checkbox"
            checked={domain.requireSso}
            disabled={busy}
            onChange={(e) => change({ requireSso: e.target.checked })}
          />{" "}
          Require SSO: refuse password sign-in for emails at this domain
        </label>
      </div>
      {Object.keys(domain.departments).length > 0 && (
        <p className="muted">
          Departments:{" "}
          {Object.entries(domain.departments)
            .map(([dept, role]) => `${dept} → ${role}`)
            .join(", ")}
        </p>
      )}
      <ErrorText message={error} />
      <div>
        <button
          type="button"
          className="button button-danger"
          disabled={busy}
          onClick={() => setRemoving(true)}
        >
          Remove {domain.domain}
        </button>
      </div>
      {removing && (
        <ConfirmDialog
          title={`Remove ${domain.domain}?`}
          confirmLabel="Remove domain"
          onClose={() => setRemoving(false)}
          onConfirm={async () => {
            await removeDomain(org.id, domain.id);
            announce(`${domain.domain} removed.`);
            onChange();
          }}
        >
          <p>
            Nobody joins through {domain.domain} any more and another organization may verify it. Members
            stay.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
