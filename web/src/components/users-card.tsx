import { useId, useState } from "react";
import { errorMessage } from "../api/client";
import { listMembers, removeMember, updateMember } from "../api/endpoints";
import type { Member } from "../api/types";
import {
  DEFAULT_MESSAGES,
  ORG_ROLE_CHOICES,
  ORG_ROLE_LABELS,
  type OrgRole,
  TEAM_ROLE_LABELS,
} from "../domain";
import { formatDate } from "../lib/format";
import { usePagedList } from "../lib/use-paged-list";
import { Link } from "../router";
import { useOrg } from "../session/org-context";
import { useSession } from "../session/session";
import { useAnnounce } from "./announcer";
import { ConfirmDialog } from "./confirm-dialog";
import { ErrorText } from "./error-text";
import { LoadMore } from "./loading";
import { ActionsHeader, RowAction } from "./row-action";

/** Why Invite User is unavailable, in words (a greyed-out button alone explains nothing). */
function inviteBlockedReason(org: ReturnType<typeof useOrg>): string | null {
  if (!org.rules.canInvite) return "Invites are disabled on the Free plan.";
  if (!org.can("invitations:create"))
    return "Only admins can invite people. Ask an admin of this organization.";
  const { limit, used, pending } = org.org.seats;
  if (limit !== null && used + pending >= limit) return DEFAULT_MESSAGES.SEAT_LIMIT_REACHED;
  return null;
}

export function UsersCard({ onInvite, refreshKey }: { onInvite: () => void; refreshKey: number }) {
  const orgValue = useOrg();
  const { org, me, rules, isAdmin, reloadOrg } = orgValue;
  const { refresh } = useSession();
  const announce = useAnnounce();
  const reasonId = useId();
  const members = usePagedList(`members:${org.id}:${refreshKey}`, (cursor) => listMembers(org.id, cursor));
  const [removing, setRemoving] = useState<Member | null>(null);
  const [rowError, setRowError] = useState<{ userId: string; message: string } | null>(null);
  const [overrides, setOverrides] = useState<Record<string, OrgRole>>({});
  const blocked = inviteBlockedReason(orgValue);

  const changeRole = async (member: Member, role: OrgRole) => {
    setRowError(null);
    setOverrides((current) => ({ ...current, [member.userId]: role }));
    try {
      await updateMember(org.id, member.userId, { role });
      announce(
        `${member.name} is now ${ORG_ROLE_LABELS[role] === "Admin" ? "an" : "a"} ${ORG_ROLE_LABELS[role]}.`,
      );
      if (member.userId === me.user.id) await refresh();
    } catch (caught) {
      setOverrides((current) => ({ ...current, [member.userId]: member.role }));
      setRowError({ userId: member.userId, message: errorMessage(caught) });
    }
  };

  const confirmRemove = async (member: Member) => {
    await removeMember(org.id, member.userId);
    announce(`${member.name} was removed from ${org.name}.`);
    members.reload();
    reloadOrg();
  };

  return (
    <section className="card" aria-labelledby="users-card-title">
      <div className="card-header">
        <div>
          <h2 id="users-card-title">Users</h2>
          <p className="muted small">
            Everyone currently in {org.name}. Members suspended by the directory hold no seat.
          </p>
        </div>
        <div className="card-header-action">
          <button
            type="button"
            className="button button-primary"
            onClick={onInvite}
            disabled={blocked !== null}
            aria-describedby={blocked ? reasonId : undefined}
          >
            Invite User
          </button>
          {blocked && (
            <p className="hint action-reason" id={reasonId}>
              {blocked}
            </p>
          )}
        </div>
      </div>
      <ErrorText message={members.error ? errorMessage(members.error) : null} />
      {members.items.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Org role</th>
                <th scope="col">Teams</th>
                <th scope="col">Reports to</th>
                <th scope="col">Joined</th>
                {isAdmin && <ActionsHeader />}
              </tr>
            </thead>
            <tbody>
              {members.items.map((member) => {
                const role = overrides[member.userId] ?? member.role;
                const isMe = member.userId === me.user.id;
                return (
                  <tr key={member.userId}>
                    <td>
                      <span className="cell-title">{member.name}</span>
                      {isMe && <span className="tag">You</span>}
                      {member.status === "suspended" && (
                        <span
                          className="tag"
                          title="Suspended by the directory (SCIM): holds no seat and can do nothing until reactivated."
                        >
                          Suspended
                        </span>
                      )}
                      {member.department && <span className="cell-sub">{member.department}</span>}
                      {(isAdmin || isMe) && (
                        <Link
                          to={`/orgs/${org.id}/settings/users/${member.userId}/access`}
                          className="cell-sub small"
                        >
                          {isMe ? "My access" : "Access"}
                          <span className="visually-hidden"> of {member.name}</span>
                        </Link>
                      )}
                    </td>
                    <td className="break">{member.email}</td>
                    <td>
                      {isAdmin ? (
                        <>
                          <label className="visually-hidden" htmlFor={`role-${member.userId}`}>
                            Org role of {member.name}
                          </label>
                          <select
                            id={`role-${member.userId}`}
                            className="select select-compact"
                            value={role}
                            onChange={(event) => changeRole(member, event.target.value as OrgRole)}
                          >
                            {ORG_ROLE_CHOICES.map((choice) => (
                              <option key={choice} value={choice}>
                                {ORG_ROLE_LABELS[choice]}
                              </option>
                            ))}
                          </select>
                        </>
                      ) : (
                        ORG_ROLE_LABELS[role]
                      )}
                      {rowError?.userId === member.userId && <ErrorText message={rowError.message} />}
                    </td>
                    <td>
                      {member.teams.length === 0 ? (
                        <span className="muted">None</span>
                      ) : (
                        <ul className="plain-list">
                          {member.teams.map((team) => (
                            <li key={team.teamId}>
                              {team.name}
                              {rules.hasTeamRoles && (
                                <span className="muted"> · {TEAM_ROLE_LABELS[team.role]}</span>
                              )}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td className="break">
                      {member.reportsTo ? (
                        (member.reportsTo.name ?? member.reportsTo.email)
                      ) : (
                        <span className="muted">—</span>
                      )}
                      {member.reportsTo?.name && <span className="cell-sub">{member.reportsTo.email}</span>}
                    </td>
                    <td className="nowrap">{formatDate(member.joinedAt)}</td>
                    {isAdmin && (
                      <td className="actions">
                        {!isMe && (
                          <RowAction
                            label="Remove"
                            target={member.name}
                            tone="danger"
                            onClick={() => setRemoving(member)}
                          />
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={members} />
      {removing && (
        <ConfirmDialog
          title={`Remove ${removing.name}?`}
          confirmLabel="Remove"
          onConfirm={() => confirmRemove(removing)}
          onClose={() => setRemoving(null)}
        >
          <p>
            {removing.name} ({removing.email}) loses access to {org.name} at once and is signed out. Their
            invitation history stays in the audit trail; you can invite them again later.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
