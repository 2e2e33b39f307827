import { useState } from "react";
import { errorMessage } from "../api/client";
import { deleteAgent, getSharing, listAgents } from "../api/resource-endpoints";
import type { Agent } from "../api/types";
import { AgentDialog, type AgentDraft, SCOPE_LABELS } from "../components/agents/agent-dialog";
import { AgentSharingDialog } from "../components/agents/agent-sharing-dialog";
import { RequestAgentDialog } from "../components/agents/request-agent-dialog";
import { useAnnounce } from "../components/announcer";
import { ConfirmDialog } from "../components/confirm-dialog";
import { ErrorText } from "../components/error-text";
import { LoadMore } from "../components/loading";
import { PageHeader } from "../components/page-header";
import { ActionsHeader, RowAction } from "../components/row-action";
import { SettingsLayout } from "../components/settings-layout";
import { ShareLines } from "../components/share-lines";
import { agentShareLines } from "../lib/access-words";
import { formatDate } from "../lib/format";
import { usePagedList } from "../lib/use-paged-list";
import { useResource } from "../lib/use-resource";
import { Link } from "../router";
import { useOrg } from "../session/org-context";

type Acting =
  | { kind: "create" }
  | { kind: "request"; draft: AgentDraft | null; reason?: string }
  | { kind: "edit" | "share" | "delete"; agent: Agent };

/** Settings → Agents: the agents one may see; create, edit, share (teams × level) and delete. */
export function AgentsPage() {
  const { org, me, membership, isAdmin } = useOrg();
  const announce = useAnnounce();
  const agents = usePagedList(`agents:${org.id}`, (cursor) => listAgents(org.id, cursor));
  // Who each agent is shared with, from the org's sharing document (one request for the whole list).
  const sharing = useResource(`sharing:${org.id}`, () => getSharing(org.id));
  const [acting, setActing] = useState<Acting | null>(null);
  const close = () => setActing(null);
  const mayManage = (agent: Agent) =>
    isAdmin ||
    agent.ownerUserId === me.user.id ||
    (agent.scope === "team" &&
      membership.teams.some((t) => t.teamId === agent.teamId && t.role !== "member"));

  return (
    <SettingsLayout>
      <PageHeader
        title="Agents"
        help={
          isAdmin
            ? "Every agent in the organization. Share one with teams at full, run-only or view-only level."
            : "The agents you own or that are shared with you. Share yours with teams at full, run-only or view-only level."
        }
      >
        <button type="button" className="button button-primary" onClick={() => setActing({ kind: "create" })}>
          New agent
        </button>
      </PageHeader>
      <section className="card" aria-labelledby="agents-title">
        <h2 id="agents-title" className="visually-hidden">
          Agents
        </h2>
        <ErrorText message={agents.error ? errorMessage(agents.error) : null} />
        {!agents.isLoading && agents.items.length === 0 && <p className="empty">No agents yet.</p>}
        {agents.items.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Agent</th>
                  <th scope="col">Belongs to</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Shared with</th>
                  <th scope="col">Created</th>
                  <ActionsHeader />
                </tr>
              </thead>
              <tbody>
                {agents.items.map((agent) => (
                  <tr key={agent.id}>
                    <td>
                      <span className="cell-title">{agent.name}</span>
                      <code className="cell-sub">{agent.key}</code>
                      {agent.description && <span className="cell-sub">{agent.description}</span>}
                    </td>
                    <td>
                      {SCOPE_LABELS[agent.scope]}
                      {agent.teamName && <span className="cell-sub">{agent.teamName}</span>}
                    </td>
                    <td>{agent.ownerName ?? <span className="muted">Nobody</span>}</td>
                    <td>
                      <ShareLines lines={agentShareLines(sharing.data, agent.key)} none="Not shared" />
                    </td>
                    <td className="nowrap">{formatDate(agent.createdAt)}</td>
                    <td className="actions actions-wide">
                      <div className="button-group">
                        <RowAction
                          label="Sharing"
                          target={agent.name}
                          tone="quiet"
                          onClick={() => setActing({ kind: "share", agent })}
                        />
                        {mayManage(agent) && (
                          <>
                            <RowAction
                              label="Edit"
                              target={agent.name}
                              tone="quiet"
                              onClick={() => setActing({ kind: "edit", agent })}
                            />
                            <RowAction
                              label="Delete"
                              target={agent.name}
                              tone="danger"
                              onClick={() => setActing({ kind: "delete", agent })}
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
        <LoadMore list={agents} />
      </section>
      <p className="muted small page-note">
        Agent creation needs an admin's approval under some permission sets: see{" "}
        <Link to={`/orgs/${org.id}/settings/agent-requests`}>agent requests</Link>.
      </p>
      {(acting?.kind === "create" || acting?.kind === "edit") && (
        <AgentDialog
          agent={acting.kind === "edit" ? acting.agent : null}
          onClose={close}
          onSaved={(agent) => {
            announce(acting.kind === "edit" ? `Agent ${agent.name} saved.` : `Agent ${agent.name} created.`);
            agents.reload();
          }}
          onNeedsApproval={(draft, reason) => setActing({ kind: "request", draft, reason })}
        />
      )}
      {acting?.kind === "request" && (
        <RequestAgentDialog
          draft={acting.draft}
          reason={acting.reason}
          onClose={close}
          onFiled={(request) => announce(`Request for ${request.agentName} sent to the admins.`)}
        />
      )}
      {acting?.kind === "share" && (
        <AgentSharingDialog
          agent={acting.agent}
          canShare={mayManage(acting.agent)}
          onClose={close}
          onSaved={(count) => {
            announce(
              count === 0
                ? `${acting.agent.name} is no longer shared.`
                : `Sharing of ${acting.agent.name} saved.`,
            );
            sharing.reload();
          }}
        />
      )}
      {acting?.kind === "delete" && (
        <ConfirmDialog
          title={`Delete ${acting.agent.name}?`}
          confirmLabel="Delete agent"
          onClose={close}
          onConfirm={async () => {
            await deleteAgent(org.id, acting.agent.id);
            announce(`Agent ${acting.agent.name} deleted.`);
            agents.reload();
          }}
        >
          <p>Its shares and its places in team spaces and projects go with it.</p>
        </ConfirmDialog>
      )}
    </SettingsLayout>
  );
}
