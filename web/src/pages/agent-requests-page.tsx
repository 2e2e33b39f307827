import { useState } from "react";
import { errorMessage } from "../api/client";
import { listAgentRequests } from "../api/resource-endpoints";
import type { AgentRequest } from "../api/types";
import { DecideRequestDialog } from "../components/agents/decide-request-dialog";
import { RequestAgentDialog } from "../components/agents/request-agent-dialog";
import { useAnnounce } from "../components/announcer";
import { ErrorText } from "../components/error-text";
import { LoadMore } from "../components/loading";
import { PageHeader } from "../components/page-header";
import { ActionsHeader, RowAction } from "../components/row-action";
import { SettingsLayout } from "../components/settings-layout";
import { StatusBadge } from "../components/status-badge";
import { formatDate } from "../lib/format";
import { usePagedList } from "../lib/use-paged-list";
import { useOrg } from "../session/org-context";

type Acting = { kind: "file" } | { kind: "approve" | "deny"; request: AgentRequest };

/** Settings → Agent requests: under `agent_creation: "admin_approval"`, people ask and admins decide. */
export function AgentRequestsPage() {
  const { org, isAdmin } = useOrg();
  const announce = useAnnounce();
  const requests = usePagedList(`agent-requests:${org.id}`, (cursor) => listAgentRequests(org.id, cursor));
  const [acting, setActing] = useState<Acting | null>(null);
  const close = () => setActing(null);

  return (
    <SettingsLayout>
      <PageHeader
        title="Agent requests"
        help={
          isAdmin
            ? 'People whose permission set says agent_creation: "admin_approval" ask here; approving creates their personal agent.'
            : 'When your permission set says agent_creation: "admin_approval", ask an admin for a personal agent here.'
        }
      >
        {!isAdmin && (
          <button type="button" className="button button-primary" onClick={() => setActing({ kind: "file" })}>
            Request an agent
          </button>
        )}
      </PageHeader>
      <section className="card" aria-labelledby="requests-title">
        <h2 id="requests-title" className="visually-hidden">
          Agent requests
        </h2>
        <ErrorText message={requests.error ? errorMessage(requests.error) : null} />
        {!requests.isLoading && requests.items.length === 0 && <p className="empty">No requests.</p>}
        {requests.items.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Agent</th>
                  <th scope="col">Requested by</th>
                  <th scope="col">Status</th>
                  <th scope="col">Decision</th>
                  {isAdmin && <ActionsHeader />}
                </tr>
              </thead>
              <tbody>
                {requests.items.map((request) => (
                  <tr key={request.id}>
                    <td>
                      <span className="cell-title">{request.agentName}</span>
                      <code className="cell-sub">{request.agentKey}</code>
                      {request.description && <span className="cell-sub">{request.description}</span>}
                    </td>
                    <td>
                      {request.requesterName}
                      <span className="cell-sub">{formatDate(request.createdAt)}</span>
                    </td>
                    <td>
                      <StatusBadge status={request.status} />
                    </td>
                    <td>
                      {request.decidedAt ? (
                        <>
                          {request.deciderName ?? "An admin"}, {formatDate(request.decidedAt)}
                          {request.decisionNote && <span className="cell-sub">“{request.decisionNote}”</span>}
                        </>
                      ) : (
                        <span className="muted">Waiting for an admin</span>
                      )}
                    </td>
                    {isAdmin && (
                      <td className="actions actions-wide">
                        {request.status === "pending" && (
                          <div className="button-group">
                            <RowAction
                              label="Approve"
                              target={request.agentName}
                              onClick={() => setActing({ kind: "approve", request })}
                            />
                            <RowAction
                              label="Deny"
                              target={request.agentName}
                              tone="danger"
                              onClick={() => setActing({ kind: "deny", request })}
                            />
                          </div>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <LoadMore list={requests} />
      </section>
      {acting?.kind === "file" && (
        <RequestAgentDialog
          draft={null}
          onClose={close}
          onFiled={(request) => {
            announce(`Request for ${request.agentName} sent to the admins.`);
            requests.reload();
          }}
        />
      )}
      {(acting?.kind === "approve" || acting?.kind === "deny") && (
        <DecideRequestDialog
          request={acting.request}
          decision={acting.kind}
          onClose={close}
          onDecided={(request) => {
            announce(
              `${request.agentName}: ${request.status === "approved" ? "approved, agent created" : "denied"}.`,
            );
            requests.reload();
          }}
        />
      )}
    </SettingsLayout>
  );
}
