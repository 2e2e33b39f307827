import { useState } from "react";
import { errorMessage } from "../api/client";
import {
  approveJoinRequest,
  declineJoinRequest,
  type JoinRequest,
  listJoinRequests,
  type OrgRoleName,
} from "../api/domain-endpoints";
import { useAnnounce } from "../components/announcer";
import { ErrorText } from "../components/error-text";
import { Loading } from "../components/loading";
import { PageHeader } from "../components/page-header";
import { SettingsLayout } from "../components/settings-layout";
import { formatDateTime } from "../lib/format";
import { useResource } from "../lib/use-resource";
import { useOrg } from "../session/org-context";

/** Settings → Join requests: people at a verified domain (mode approval) asking to join. */
export function JoinRequestsPage() {
  const { org } = useOrg();
  const requests = useResource(`join-requests:${org.id}`, () => listJoinRequests(org.id));
  const items = requests.data?.joinRequests ?? [];
  return (
    <SettingsLayout>
      <PageHeader
        title="Join requests"
        help="People with a verified email at one of your domains who asked to join. Approving takes a seat."
      />
      <section className="card" aria-labelledby="join-requests-title">
        <h2 id="join-requests-title" className="visually-hidden">
          Pending join requests
        </h2>
        <ErrorText message={requests.error ? errorMessage(requests.error) : null} />
        {requests.isLoading && !requests.data && <Loading />}
        {requests.data && items.length === 0 && <p className="empty">No pending join requests.</p>}
        {items.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Domain</th>
                  <th scope="col">Asked</th>
                  <th scope="col">Role</th>
                  <th scope="col">Decision</th>
                </tr>
              </thead>
              <tbody>
                {items.map((request) => (
                  <JoinRequestRow key={request.id} request={request} onDecided={requests.reload} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </SettingsLayout>
  );
}

function JoinRequestRow({ request, onDecided }: { request: JoinRequest; onDecided: () => void }) {
  const { org } = useOrg();
  const announce = useAnnounce();
  const [role, setRole] = useState<OrgRoleName>(request.role);
  const [error, setError] = useState<string | null>(null);
  const who = request.name ?? request.email;
  const decide = async (decision: "approve" | "decline") => {
    setError(null);
    try {
      if (decision === "approve") await approveJoinRequest(org.id, request.id, role);
      else await declineJoinRequest(org.id, request.id);
      announce(decision === "approve" ? `${who} joined.` : `${who}'s request declined.`);
      onDecided();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <tr>
      <td>
        <span className="cell-title">{who}</span>
        <span className="cell-sub">{request.email}</span>
      </td>
      <td>
        {request.domain ?? <span className="muted">removed</span>}
        {request.department && <span className="cell-sub">{request.department}</span>}
      </td>
      <td className="nowrap">{formatDateTime(request.createdAt)}</td>
      <td>
        <select
          className="input"
          aria-label={`Role for ${who}`}
          value={role}
          onChange={(e) => setRole(e.target.value as OrgRoleName)}
        >
          <option value="viewer">Viewer</option>
          <option value="member">User</option>
          <option value="admin">Admin</option>
        </select>
      </td>
      <td className="actions">
        <button type="button" className="button button-primary" onClick={() => decide("approve")}>
          Approve {who}
        </button>{" "}
        <button type="button" className="button" onClick={() => decide("decline")}>
          Decline {who}
        </button>
        <ErrorText message={error} />
      </td>
    </tr>
  );
}
