import { useState } from "react";
import { errorMessage } from "../api/client";
import { deleteIntegration, getSharing, listIntegrations } from "../api/resource-endpoints";
import type { Integration } from "../api/types";
import { useAnnounce } from "../components/announcer";
import { ConfirmDialog } from "../components/confirm-dialog";
import { ErrorText } from "../components/error-text";
import { IntegrationDialog } from "../components/integrations/integration-dialog";
import { IntegrationSharingDialog } from "../components/integrations/integration-sharing-dialog";
import { LoadMore } from "../components/loading";
import { PageHeader } from "../components/page-header";
import { ActionsHeader, RowAction } from "../components/row-action";
import { SettingsLayout } from "../components/settings-layout";
import { ShareLines } from "../components/share-lines";
import { StatusBadge } from "../components/status-badge";
import { integrationShareLines } from "../lib/access-words";
import { usePagedList } from "../lib/use-paged-list";
import { useResource } from "../lib/use-resource";
import { useOrg } from "../session/org-context";

type Acting = { kind: "create" } | { kind: "edit" | "share" | "delete"; integration: Integration };

/** Settings → Integrations: the org's catalog, each with its data scopes, sharing and audience. */
export function IntegrationsPage() {
  const { org, isAdmin } = useOrg();
  const announce = useAnnounce();
  const list = usePagedList(`integrations:${org.id}`, (cursor) => listIntegrations(org.id, cursor));
  // Which teams use each integration with which data scope, from the org's sharing document.
  const sharing = useResource(`sharing:${org.id}`, () => getSharing(org.id));
  const [acting, setActing] = useState<Acting | null>(null);
  const close = () => setActing(null);

  return (
    <SettingsLayout>
      <PageHeader
        title="Integrations"
        help="Tools the AI product connects to. Shared with teams, each team gets a data scope (the seed's Salesforce: sales full_access, marketing read_leads, support read_customers)."
      >
        {isAdmin && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => setActing({ kind: "create" })}
          >
            New integration
          </button>
        )}
      </PageHeader>
      <section className="card" aria-labelledby="integrations-title">
        <h2 id="integrations-title" className="visually-hidden">
          Integrations
        </h2>
        <ErrorText message={list.error ? errorMessage(list.error) : null} />
        {!list.isLoading && list.items.length === 0 && <p className="empty">No integrations yet.</p>}
        {list.items.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Integration</th>
                  <th scope="col">Data scopes</th>
                  <th scope="col">Who may use it</th>
                  <th scope="col">Status</th>
                  <ActionsHeader />
                </tr>
              </thead>
              <tbody>
                {list.items.map((integration) => (
                  <tr key={integration.id}>
                    <td>
                      <span className="cell-title">{integration.name}</span>
                      <code className="cell-sub">{integration.key}</code>
                    </td>
                    <td>
                      {integration.dataScopes.length === 0 ? (
                        <span className="muted">full_access only</span>
                      ) : (
                        integration.dataScopes.join(", ")
                      )}
                    </td>
                    <td>
                      {/* Shared: only those teams. Not shared: everyone, unless kept for teams. */}
                      <ShareLines
                        lines={integrationShareLines(sharing.data, integration.key)}
                        none={integration.audience === "org" ? "Everyone" : "Nobody yet: share it with teams"}
                        noneIsMuted={integration.audience !== "org"}
                      />
                    </td>
                    <td>
                      <StatusBadge status={integration.enabled ? "enabled" : "disabled"} />
                    </td>
                    <td className="actions actions-wide">
                      <div className="button-group">
                        <RowAction
                          label="Sharing"
                          target={integration.name}
                          tone="quiet"
                          onClick={() => setActing({ kind: "share", integration })}
                        />
                        {isAdmin && (
                          <>
                            <RowAction
                              label="Edit"
                              target={integration.name}
                              tone="quiet"
                              onClick={() => setActing({ kind: "edit", integration })}
                            />
                            <RowAction
                              label="Delete"
                              target={integration.name}
                              tone="danger"
                              onClick={() => setActing({ kind: "delete", integration })}
                            />
                          </>
                        )}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <LoadMore list={list} />
      </section>
      {(acting?.kind === "create" || acting?.kind === "edit") && (
        <IntegrationDialog
          integration={acting.kind === "edit" ? acting.integration : null}
          onClose={close}
          onSaved={(integration) => {
            announce(`Integration ${integration.name} saved.`);
            list.reload();
          }}
        />
      )}
      {acting?.kind === "share" && (
        <IntegrationSharingDialog
          integration={acting.integration}
          onClose={close}
          onSaved={() => {
            announce(`Sharing of ${acting.integration.name} saved.`);
            list.reload();
            sharing.reload();
          }}
        />
      )}
      {acting?.kind === "delete" && (
        <ConfirmDialog
          title={`Remove ${acting.integration.name}?`}
          confirmLabel="Remove integration"
          onClose={close}
          onConfirm={async () => {
            await deleteIntegration(org.id, acting.integration.id);
            announce(`Integration ${acting.integration.name} removed.`);
            list.reload();
            sharing.reload();
          }}
        >
          <p>Its shares and its places in team spaces and projects go with it.</p>
        </ConfirmDialog>
      )}
    </SettingsLayout>
  );
}
