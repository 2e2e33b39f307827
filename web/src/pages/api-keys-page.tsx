import { useState } from "react";
import { listApiKeys, revokeApiKey } from "../api/access-endpoints";
import { errorMessage } from "../api/client";
import type { ApiKey } from "../api/types";
import { useAnnounce } from "../components/announcer";
import { CreateApiKeyDialog } from "../components/api-keys/create-api-key-dialog";
import { ConfirmDialog } from "../components/confirm-dialog";
import { ErrorText } from "../components/error-text";
import { Loading } from "../components/loading";
import { PageHeader } from "../components/page-header";
import { ActionsHeader, RowAction } from "../components/row-action";
import { SettingsLayout } from "../components/settings-layout";
import { StatusBadge } from "../components/status-badge";
import { formatDate, formatDateTime } from "../lib/format";
import { useResource } from "../lib/use-resource";
import { useOrg } from "../session/org-context";

/** Settings → API keys: personal and team keys for the decision API; created once, revocable. */
export function ApiKeysPage() {
  const { org, isAdmin } = useOrg();
  const announce = useAnnounce();
  const keys = useResource(`api-keys:${org.id}`, () => listApiKeys(org.id));
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const items = keys.data?.items ?? [];

  return (
    <SettingsLayout>
      <PageHeader
        title="API keys"
        help={
          isAdmin
            ? "Every key of the organization. Keys call the decision API; the secret is shown once when created."
            : "Your personal keys, and the keys of teams you administer. The secret is shown once when created."
        }
      >
        <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
          New API key
        </button>
      </PageHeader>
      <section className="card" aria-labelledby="keys-title">
        <h2 id="keys-title" className="visually-hidden">
          API keys
        </h2>
        <ErrorText message={keys.error ? errorMessage(keys.error) : null} />
        {keys.isLoading && !keys.data && <Loading />}
        {keys.data && items.length === 0 && <p className="empty">No API keys yet.</p>}
        {items.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Key</th>
                  <th scope="col">Acts as</th>
                  <th scope="col">Scopes</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Status</th>
                  <ActionsHeader />
                </tr>
              </thead>
              <tbody>
                {items.map((key) => (
                  <tr key={key.id}>
                    <td>
                      <span className="cell-title">{key.name}</span>
                      <code className="cell-sub">{key.prefix}…</code>
                    </td>
                    <td>
                      {key.kind === "team" ? `Team ${key.teamName ?? ""}` : (key.userName ?? "A person")}
                      <span className="cell-sub">{key.kind === "team" ? "team key" : "personal key"}</span>
                    </td>
                    <td>
                      {key.scopes === null ? (
                        <span className="muted">All its holder may do</span>
                      ) : (
                        key.scopes.join(", ")
                      )}
                    </td>
                    <td className="nowrap">
                      {key.lastUsedAt ? formatDateTime(key.lastUsedAt) : <span className="muted">Never</span>}
                    </td>
                    <td className="nowrap">
                      {key.expiresAt ? formatDate(key.expiresAt) : <span className="muted">Never</span>}
                    </td>
                    <td>
                      <StatusBadge status={key.status} />
                      {key.revokedReason && <span className="cell-sub">{key.revokedReason}</span>}
                    </td>
                    <td className="actions">
                      {key.status === "active" && (
                        <RowAction
                          label="Revoke"
                          target={key.name}
                          tone="danger"
                          onClick={() => setRevoking(key)}
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
      {creating && <CreateApiKeyDialog onClose={() => setCreating(false)} onCreated={keys.reload} />}
      {revoking && (
        <ConfirmDialog
          title={`Revoke ${revoking.name}?`}
          confirmLabel="Revoke key"
          onClose={() => setRevoking(null)}
          onConfirm={async () => {
            await revokeApiKey(org.id, revoking.id);
            announce(`API key ${revoking.name} revoked.`);
            keys.reload();
          }}
        >
          <p>
            Calls with <code>{revoking.prefix}…</code> are refused from the next request, on every instance.
            This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </SettingsLayout>
  );
}
