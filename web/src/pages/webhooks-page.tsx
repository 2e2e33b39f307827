import { useState } from "react";
import { errorMessage } from "../api/client";
import {
  deleteWebhookEndpoint,
  listWebhookEndpoints,
  rotateWebhookSecret,
  sendTestWebhook,
  updateWebhookEndpoint,
  type WebhookEndpointWithLast,
} from "../api/webhook-endpoints";
import { useAnnounce } from "../components/announcer";
import { ConfirmDialog } from "../components/confirm-dialog";
import { ErrorText } from "../components/error-text";
import { Loading } from "../components/loading";
import { PageHeader } from "../components/page-header";
import { ActionsHeader, RowAction } from "../components/row-action";
import { SettingsLayout } from "../components/settings-layout";
import { StatusBadge } from "../components/status-badge";
import { AddWebhookDialog } from "../components/webhooks/add-webhook-dialog";
import {
  DeliveryStatusBadge,
  lastOutcome,
  WebhookDeliveries,
} from "../components/webhooks/webhook-deliveries";
import { WebhookSecretDialog } from "../components/webhooks/webhook-secret-dialog";
import { formatDateTime } from "../lib/format";
import { useResource } from "../lib/use-resource";
import { useOrg } from "../session/org-context";

type ShownSecret = { reason: "created" | "rotated"; url: string; secret: string };

/**
 * Settings → Webhooks: endpoints that receive signed invitation and membership events (Standard
 * Webhooks), their last delivery, and each one's delivery log with Redeliver. Secrets are shown once.
 */
export function WebhooksPage() {
  const { org } = useOrg();
  const announce = useAnnounce();
  const endpoints = useResource(`webhook-endpoints:${org.id}`, () => listWebhookEndpoints(org.id));
  const [adding, setAdding] = useState(false);
  const [shown, setShown] = useState<ShownSecret | null>(null);
  const [rotating, setRotating] = useState<WebhookEndpointWithLast | null>(null);
  const [deleting, setDeleting] = useState<WebhookEndpointWithLast | null>(null);
  const [open, setOpen] = useState<{ id: string; version: number; focus: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const items = endpoints.data?.items ?? [];
  const openEndpoint = open ? items.find((e) => e.id === open.id) : undefined;

  const act = async (run: () => Promise<void>) => {
    setError(null);
    try {
      await run();
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };
  const setEnabled = (endpoint: WebhookEndpointWithLast, enabled: boolean) =>
    act(async () => {
      await updateWebhookEndpoint(org.id, endpoint.id, { enabled });
      announce(`${endpoint.url} ${enabled ? "enabled" : "disabled"}.`);
      endpoints.reload();
    });
  const sendTest = (endpoint: WebhookEndpointWithLast) =>
    act(async () => {
      await sendTestWebhook(org.id, endpoint.id);
      announce(`Test event queued for ${endpoint.url}. Its delivery shows in the log below.`);
      setOpen((current) => ({
        id: endpoint.id,
        version: (current?.version ?? 0) + 1,
        focus: current?.id === endpoint.id ? current.focus : false,
      }));
      endpoints.reload();
    });

  return (
    <SettingsLayout>
      <PageHeader
        title="Webhooks"
        help="Gatehouse POSTs invitation and membership events, signed with each endpoint's secret (Standard Webhooks), and retries with backoff when the receiver fails."
      >
        <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
          Add endpoint
        </button>
      </PageHeader>
      <ErrorText message={error ?? (endpoints.error ? errorMessage(endpoints.error) : null)} />
      <div className="stack">
        <section className="card" aria-labelledby="webhook-endpoints-title">
          <h2 id="webhook-endpoints-title">Endpoints</h2>
          {endpoints.isLoading && !endpoints.data && <Loading />}
          {endpoints.data && items.length === 0 && (
            <p className="empty">No webhook endpoints yet. Add one to receive events as they happen.</p>
          )}
          {items.length > 0 && (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Endpoint</th>
                    <th scope="col">Events</th>
                    <th scope="col">Status</th>
                    <th scope="col">Last delivery</th>
                    <ActionsHeader />
                  </tr>
                </thead>
                <tbody>
                  {items.map((endpoint) => {
                    const last = endpoint.lastDelivery;
                    return (
                      <tr key={endpoint.id} aria-current={open?.id === endpoint.id ? "true" : undefined}>
                        <td>
                          <code className="cell-title break-all">{endpoint.url}</code>
                          {endpoint.description && <span className="cell-sub">{endpoint.description}</span>}
                        </td>
                        <td>
                          {endpoint.eventTypes.length === 0 ? (
                            "All events"
                          ) : (
                            <ul className="plain-list">
                              {endpoint.eventTypes.map((type) => (
                                <li key={type} className="mono">
                                  {type}
                                </li>
                              ))}
                            </ul>
                          )}
                        </td>
                        <td>
                          <StatusBadge status={endpoint.enabled ? "enabled" : "disabled"} />
                          {endpoint.disabledReason && (
                            <span className="cell-sub">{endpoint.disabledReason}</span>
                          )}
                        </td>
                        <td>
                          {last ? (
                            <>
                              <DeliveryStatusBadge status={last.status} attempts={last.attempts} />
                              <span className="cell-sub">
                                <span className="mono">{last.eventType}</span> ·{" "}
                                {formatDateTime(last.createdAt)}
                              </span>
                              <span className="cell-sub">{lastOutcome(last)}</span>
                            </>
                          ) : (
                            <span className="muted">None yet</span>
                          )}
                        </td>
                        <td className="actions actions-wide">
                          <RowAction
                            label="Deliveries"
                            target={endpoint.url}
                            onClick={() =>
                              setOpen((current) => ({
                                id: endpoint.id,
                                version: (current?.version ?? 0) + 1,
                                focus: true,
                              }))
                            }
                          />
                          {endpoint.enabled && (
                            <RowAction
                              label="Send test"
                              target={endpoint.url}
                              onClick={() => sendTest(endpoint)}
                            />
                          )}
                          <RowAction
                            label={endpoint.enabled ? "Disable" : "Enable"}
                            target={endpoint.url}
                            tone="quiet"
                            onClick={() => setEnabled(endpoint, !endpoint.enabled)}
                          />
                          <RowAction
                            label="Rotate secret"
                            target={endpoint.url}
                            tone="quiet"
                            onClick={() => setRotating(endpoint)}
                          />
                          <RowAction
                            label="Delete"
                            target={endpoint.url}
                            tone="danger"
                            onClick={() => setDeleting(endpoint)}
                          />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </section>
        {openEndpoint && open && (
          <WebhookDeliveries
            key={openEndpoint.id}
            endpoint={openEndpoint}
            version={open.version}
            autoFocus={open.focus}
            onLastDeliveryDiffers={endpoints.reload}
          />
        )}
      </div>
      {adding && (
        <AddWebhookDialog
          onClose={() => setAdding(false)}
          onCreated={(created) => {
            setAdding(false);
            setShown({ reason: "created", url: created.endpoint.url, secret: created.secret });
            announce(`Endpoint ${created.endpoint.url} added.`);
            endpoints.reload();
          }}
        />
      )}
      {shown && <WebhookSecretDialog {...shown} onClose={() => setShown(null)} />}
      {rotating && (
        <ConfirmDialog
          title="Rotate the signing secret?"
          confirmLabel="Rotate secret"
          danger={false}
          onClose={() => setRotating(null)}
          onConfirm={async () => {
            const rotated = await rotateWebhookSecret(org.id, rotating.id);
            setShown({ reason: "rotated", url: rotated.endpoint.url, secret: rotated.secret });
            announce(`New signing secret for ${rotated.endpoint.url}.`);
          }}
        >
          <p>
            Deliveries to <code className="break-all">{rotating.url}</code> are signed with a new secret from
            now on, including retries. Update the receiver right away: it will reject requests signed with the
            new secret until it has it.
          </p>
        </ConfirmDialog>
      )}
      {deleting && (
        <ConfirmDialog
          title="Delete this webhook endpoint?"
          confirmLabel="Delete endpoint"
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await deleteWebhookEndpoint(org.id, deleting.id);
            announce(`Endpoint ${deleting.url} deleted.`);
            if (open?.id === deleting.id) setOpen(null);
            endpoints.reload();
          }}
        >
          <p>
            <code className="break-all">{deleting.url}</code> receives nothing more, and its delivery log is
            deleted with it. Queued deliveries are dropped. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </SettingsLayout>
  );
}
