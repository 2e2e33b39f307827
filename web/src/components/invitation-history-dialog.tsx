import { errorMessage } from "../api/client";
import { getInvitationHistory, listTeams } from "../api/endpoints";
import type { HistoryEntry, Invitation } from "../api/types";
import { ORG_ROLE_LABELS, type OrgRole, TEAM_ROLE_LABELS, type TeamRole } from "../domain";
import { formatDateTime, formatRelative } from "../lib/format";
import { useResource } from "../lib/use-resource";
import { useOrg } from "../session/org-context";
import { Dialog } from "./dialog";
import { ErrorText } from "./error-text";
import { Loading } from "./loading";

const ACTION_LABELS: Record<string, string> = {
  "invitation.created": "Invited",
  "invitation.updated": "Edited",
  "invitation.extended": "Extended",
  "invitation.resent": "Resent with a fresh link",
  "invitation.revoked": "Revoked",
  "invitation.accepted": "Accepted",
};

const FIELD_LABELS: Record<string, string> = {
  role: "Org role",
  teamId: "Team",
  teamName: "Team",
  teamRole: "Team role",
  department: "Department",
  status: "Status",
  expiresAt: "Expires",
  days: "Days added",
  email: "Email",
  message: "Message",
  reason: "Note",
};

const HIDDEN_FIELDS = new Set(["userId", "invitedBy", "id", "orgId"]);

function formatValue(field: string, value: unknown, teamNames: Map<string, string>): string {
  if (field === "teamId") return value ? (teamNames.get(String(value)) ?? "a deleted team") : "default team";
  if (value === null || value === undefined || value === "") return "none";
  if (field === "role" && typeof value === "string") return ORG_ROLE_LABELS[value as OrgRole] ?? value;
  if (field === "teamRole" && typeof value === "string") return TEAM_ROLE_LABELS[value as TeamRole] ?? value;
  if (field.endsWith("At") && typeof value === "string") return formatDateTime(value);
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** What changed in one entry: "Org role: User → Admin"; for a creation, the values it started with. */
export function describeChanges(
  entry: Pick<HistoryEntry, "before" | "after">,
  teamNames: Map<string, string> = new Map(),
): string[] {
  const before = (entry.before ?? {}) as Record<string, unknown>;
  const after = (entry.after ?? {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (f) => !HIDDEN_FIELDS.has(f),
  );
  const lines: string[] = [];
  for (const field of fields) {
    const label = FIELD_LABELS[field] ?? field;
    const from = formatValue(field, before[field], teamNames);
    const to = formatValue(field, after[field], teamNames);
    if (!(field in before)) {
      if (after[field] !== null && after[field] !== undefined) lines.push(`${label}: ${to}`);
    } else if (from !== to) lines.push(`${label}: ${from} → ${to}`);
  }
  return lines;
}

function actorName(entry: HistoryEntry): string {
  if (entry.actor) return entry.actor.name ?? entry.actor.email ?? "A former member";
  return entry.source === "cli" ? "Gatehouse CLI" : "Gatehouse";
}

export function InvitationHistoryDialog({
  invitation,
  onClose,
}: {
  invitation: Invitation;
  onClose: () => void;
}) {
  const { org, rules } = useOrg();
  const history = useResource(`history:${invitation.id}`, () => getInvitationHistory(org.id, invitation.id));
  const teams = useResource(rules.hasMultipleTeams ? `teams:${org.id}` : null, () => listTeams(org.id));
  const teamNames = new Map((teams.data?.items ?? []).map((team) => [team.id, team.name]));
  return (
    <Dialog
      title="Invitation history"
      description={<p>Everything that happened to the invitation for {invitation.email}.</p>}
      onClose={onClose}
      size="wide"
    >
      <div className="dialog-body">
        {history.isLoading && <Loading />}
        <ErrorText message={history.error ? errorMessage(history.error) : null} />
        {history.data && (
          <ol className="timeline">
            {history.data.items.map((entry) => (
              <li key={entry.id}>
                <p className="timeline-head">
                  <strong>{ACTION_LABELS[entry.action] ?? entry.action}</strong> by {actorName(entry)}
                </p>
                <p className="cell-sub">
                  <time dateTime={entry.at}>{formatDateTime(entry.at)}</time> · {formatRelative(entry.at)}
                </p>
                <Changes lines={describeChanges(entry, teamNames)} />
              </li>
            ))}
          </ol>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </Dialog>
  );
}

function Changes({ lines }: { lines: string[] }) {
  if (lines.length === 0) return null;
  return (
    <ul className="changes">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}
