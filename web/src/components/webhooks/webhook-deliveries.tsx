import { useEffect, useRef, useState } from "react";
import { errorMessage } from "../../api/client";
import {
  listWebhookDeliveries,
  redeliverWebhook,
  type WebhookDelivery,
  type WebhookDeliveryStatus,
  type WebhookEndpointWithLast,
} from "../../api/webhook-endpoints";
import { formatDateTime, plural } from "../../lib/format";
import { useResource } from "../../lib/use-resource";
import { useOrg } from "../../session/org-context";
import { useAnnounce } from "../announcer";
import { ErrorText } from "../error-text";
import { Loading } from "../loading";
import { ActionsHeader, RowAction } from "../row-action";
import { StatusBadge } from "../status-badge";

/** While a delivery is pending the log refreshes itself this often. */
const POLL_MS = 2_000;

export function DeliveryStatusBadge({
  status,
  attempts,
}: {
  status: WebhookDeliveryStatus;
  attempts: number;
}) {
  if (status === "delivered") return <StatusBadge status="accepted" label="Delivered" />;
  if (status === "failed") return <StatusBadge status="denied" label="Failed" />;
  return <StatusBadge status="pending" label={attempts > 0 ? "Retrying" : "Pending"} />;
}

/** What the log and the endpoint's row compare: which delivery is newest, and how far it has got. */
function deliveryState(d: { id: string; status: WebhookDeliveryStatus; attempts: number } | undefined) {
  return d ? `${d.id}:${d.status}:${d.attempts}` : "none";
}

/** The answer of the last attempt in words: "HTTP 200", or the error. */
export function lastOutcome(d: {
  lastStatusCode: number | null;
  lastError: string | null;
  attempts: number;
}) {
  if (d.attempts === 0) return "Not tried yet";
  if (d.lastError) return d.lastError;
  return d.lastStatusCode === null ? "No answer" : `HTTP ${d.lastStatusCode}`;
}

/**
 * The delivery log of one endpoint, newest first: event, status, attempts (each one in a disclosure),
 * the last answer, when it was queued, the next retry, and Redeliver.
 */
export function WebhookDeliveries({
  endpoint,
  version,
  autoFocus,
  onLastDeliveryDiffers,
}: {
  endpoint: WebhookEndpointWithLast;
  /** Bumped by the page to reload (after a test event). */
  version: number;
  /** Opened from its own button: move focus to the log's heading. */
  autoFocus: boolean;
  /** The log's newest delivery is not the endpoint's "last delivery" as the page read it: read it again. */
  onLastDeliveryDiffers: () => void;
}) {
  const { org } = useOrg();
  const announce = useAnnounce();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const deliveries = useResource(`webhook-deliveries:${endpoint.id}:${version}`, () =>
    listWebhookDeliveries(org.id, endpoint.id),
  );
  const [error, setError] = useState<string | null>(null);
  const items = deliveries.data?.items ?? [];
  const hasPending = items.some((d) => d.status === "pending");
  const { reload } = deliveries;

  useEffect(() => {
    if (autoFocus) headingRef.current?.focus();
  }, [autoFocus]);
  // The endpoint's row and this log are two reads: a delivery can finish between them, even before
  // the log's first read sees it pending. Whenever the log's newest delivery differs from the row's,
  // the row is read again (once per difference: the effect runs when either side changes).
  const logNewest = deliveries.data ? deliveryState(items[0]) : null;
  const rowNewest = deliveryState(endpoint.lastDelivery ?? undefined);
  useEffect(() => {
    if (logNewest !== null && logNewest !== rowNewest) onLastDeliveryDiffers();
  }, [logNewest, rowNewest, onLastDeliveryDiffers]);
  useEffect(() => {
    if (!hasPending) return;
    const timer = window.setInterval(reload, POLL_MS);
    return () => window.clearInterval(timer);
  }, [hasPending, reload]);

  const redeliver = async (delivery: WebhookDelivery) => {
    setError(null);
    try {
      const result = await redeliverWebhook(org.id, delivery.id);
      announce(
        result.queued
          ? `${delivery.eventType} queued for redelivery.`
          : `${delivery.eventType} is already queued; it is sent once.`,
      );
      reload();
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };

  return (
    <section className="card" aria-labelledby="webhook-deliveries-title">
      <div className="card-header">
        <div>
          <h2 id="webhook-deliveries-title" ref={headingRef} tabIndex={-1}>
            Deliveries
          </h2>
          <p className="muted break-all">
            To <code>{endpoint.url}</code>
            {endpoint.description && ` (${endpoint.description})`}. The latest 50, newest first
            {hasPending ? "; refreshing while some are pending." : "."}
          </p>
        </div>
        <div className="card-header-action">
          <button type="button" className="button button-small" onClick={reload}>
            Refresh
          </button>
        </div>
      </div>
      <ErrorText message={error ?? (deliveries.error ? errorMessage(deliveries.error) : null)} />
      {deliveries.isLoading && !deliveries.data && <Loading />}
      {deliveries.data && items.length === 0 && (
        <p className="empty">Nothing sent to this endpoint yet. Send a test event to try it.</p>
      )}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last response</th>
                <th scope="col">Queued</th>
                <th scope="col">Next retry</th>
                <ActionsHeader />
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id}>
                  <td>
                    <span className="cell-title mono">{d.eventType}</span>
                  </td>
                  <td>
                    <DeliveryStatusBadge status={d.status} attempts={d.attempts} />
                    {d.deliveredAt && <span className="cell-sub">{formatDateTime(d.deliveredAt)}</span>}
                  </td>
                  <td>
                    {d.attemptLog.length === 0 ? (
                      "0"
                    ) : (
                      <details className="webhook-attempts">
                        <summary>{plural(d.attempts, "attempt")}</summary>
                        <p className="cell-sub">
                          webhook-id <code className="break-all">{d.id}</code>
                        </p>
                        <ol>
                          {d.attemptLog.map((a) => (
                            <li key={a.at}>
                              {formatDateTime(a.at)}: {a.error ?? `HTTP ${a.statusCode}`} ({a.durationMs} ms)
                              {a.responseBody && <code className="cell-sub break-all">{a.responseBody}</code>}
                            </li>
                          ))}
                        </ol>
                      </details>
                    )}
                  </td>
                  <td className={d.status === "failed" ? "error-text-inline" : undefined}>
                    {lastOutcome(d)}
                  </td>
                  <td>{formatDateTime(d.createdAt)}</td>
                  <td className="nowrap">
                    {d.nextAttemptAt ? formatDateTime(d.nextAttemptAt) : <span className="muted">—</span>}
                  </td>
                  <td className="actions">
                    {d.status !== "pending" && (
                      <RowAction
                        label="Redeliver"
                        target={`${d.eventType} ${d.id}`}
                        onClick={() => redeliver(d)}
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
  );
}
