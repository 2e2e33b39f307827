import { useState } from "react";
import { errorMessage } from "../api/client";
import {
  type CreatedScimToken,
  createScimToken,
  listScimRequests,
  listScimTokens,
  revokeScimToken,
  rotateScimToken,
  type ScimToken,
} from "../api/scim-endpoints";
import { useAnnounce } from "../components/announcer";
import { ConfirmDialog } from "../components/confirm-dialog";
import { CopyLink } from "../components/copy-link";
import { ErrorText } from "../components/error-text";
import { Loading } from "../components/loading";
import { PageHeader } from "../components/page-header";
import { ActionsHeader, RowAction } from "../components/row-action";
import { SettingsLayout } from "../components/settings-layout";
import { formatDateTime } from "../lib/format";
import { useResource } from "../lib/use-resource";
import { useOrg } from "../session/org-context";

/**
 * Settings → SCIM: the base URL and tokens to give the identity provider (a token's secret is shown
 * once), and the provisioning log with the outcome of each request.
 */
export function ScimPage() {
  const { org } = useOrg();
  const announce = useAnnounce();
  const tokens = useResource(`scim-tokens:${org.id}`, () => listScimTokens(org.id));
  const log = useResource(`scim-requests:${org.id}`, () => listScimRequests(org.id));
  const [shown, setShown] = useState<CreatedScimToken | null>(null);
  const [revoking, setRevoking] = useState<ScimToken | null>(null);
  const [error, setError] = useState<string | null>(null);

  const create = async () => {
    setError(null);
    try {
      setShown(await createScimToken(org.id, "SCIM"));
      announce("SCIM token created. Copy it now: it is shown once.");
      tokens.reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const rotate = async (token: ScimToken) => {
    setError(null);
    try {
      setShown(await rotateScimToken(org.id, token.id, 60));
      announce("SCIM token rotated. The old one works for one more hour.");
      tokens.reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <SettingsLayout>
      <PageHeader
        title="SCIM"
        help="Your identity provider (Okta, Microsoft Entra ID) creates, updates, deactivates and removes members here, and pushes groups that the group mapping turns into roles and teams."
      >
        <button type="button" className="button button-primary" onClick={create}>
          New SCIM token
        </button>
      </PageHeader>
      <ErrorText message={error ?? (tokens.error ? errorMessage(tokens.error) : null)} />
      <section className="card" aria-labelledby="scim-connection">
        <h2 id="scim-connection">Connection</h2>
        {tokens.data && <CopyLink url={tokens.data.baseUrl} label="SCIM base URL" />}
        {shown && (
          <div className="success-text" role="status">
            <p>Copy this token into your identity provider now: it is not shown again.</p>
            <CopyLink url={shown.secret} label="SCIM token" autoFocus />
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="scim-tokens">
        <h2 id="scim-tokens">Tokens</h2>
        {tokens.isLoading && !tokens.data && <Loading />}
        {tokens.data && tokens.data.tokens.length === 0 && <p className="empty">No SCIM tokens yet.</p>}
        {tokens.data && tokens.data.tokens.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Token</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Status</th>
                  <ActionsHeader />
                </tr>
              </thead>
              <tbody>
                {tokens.data.tokens.map((token) => (
                  <tr key={token.id}>
                    <td>
                      <span className="cell-title">{token.name}</span>
                      <code className="cell-sub">{token.prefix}…</code>
                    </td>
                    <td className="nowrap">{formatDateTime(token.createdAt)}</td>
                    <td className="nowrap">
                      {token.lastUsedAt ? (
                        formatDateTime(token.lastUsedAt)
                      ) : (
                        <span className="muted">Never</span>
                      )}
                    </td>
                    <td>
                      {token.revokedAt
                        ? "Revoked"
                        : token.expiresAt
                          ? `${token.active ? "Works until" : "Expired"} ${formatDateTime(token.expiresAt)}`
                          : "Active"}
                    </td>
                    <td className="actions">
                      {token.active && token.expiresAt === null && (
                        <RowAction label="Rotate" target={token.name} onClick={() => rotate(token)} />
                      )}
                      {token.revokedAt === null && (
                        <RowAction
                          label="Revoke"
                          target={token.name}
                          tone="danger"
                          onClick={() => setRevoking(token)}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="scim-log">
        <h2 id="scim-log">Provisioning log</h2>
        <ErrorText message={log.error ? errorMessage(log.error) : null} />
        {log.data && log.data.items.length === 0 && <p className="empty">No SCIM requests yet.</p>}
        {log.data && log.data.items.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Request</th>
                  <th scope="col">Outcome</th>
                </tr>
              </thead>
              <tbody>
                {log.data.items.map((item) => (
                  <tr key={item.id}>
                    <td className="nowrap">{formatDateTime(item.at)}</td>
                    <td>
                      <code>
                        {item.method} {item.path}
                      </code>
                      <span className="cell-sub">
                        {item.tokenPrefix}… · {item.durationMs} ms
                      </span>
                    </td>
                    <td>
                      <span className={item.status < 400 ? "" : "error-text"}>
                        {item.status < 400 ? `OK (${item.status})` : `Failed (${item.status})`}
                      </span>
                      {item.detail && (
                        <span className="cell-sub">
                          {item.scimType ? `${item.scimType}: ` : ""}
                          {item.detail}
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {revoking && (
        <ConfirmDialog
          title={`Revoke ${revoking.name}?`}
          confirmLabel="Revoke token"
          onClose={() => setRevoking(null)}
          onConfirm={async () => {
            await revokeScimToken(org.id, revoking.id);
            announce(`SCIM token ${revoking.prefix} revoked.`);
            tokens.reload();
          }}
        >
          <p>
            The identity provider's next request with <code>{revoking.prefix}…</code> is refused.
          </p>
        </ConfirmDialog>
      )}
    </SettingsLayout>
  );
}
