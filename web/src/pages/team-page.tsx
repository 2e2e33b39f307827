import { useState } from "react";
import { errorMessage, isApiError } from "../api/client";
import { getTeam, listTeamMembers, removeTeamMember, updateTeamMember } from "../api/endpoints";
import type { TeamMember } from "../api/types";
import { AddTeamMemberForm } from "../components/add-team-member-form";
import { useAnnounce } from "../components/announcer";
import { ConfirmDialog } from "../components/confirm-dialog";
import { ErrorText } from "../components/error-text";
import { Loading } from "../components/loading";
import { PageTitle } from "../components/page-title";
import { ActionsHeader, RowAction } from "../components/row-action";
import { SettingsLayout } from "../components/settings-layout";
import { TEAM_ROLE_LABELS, TEAM_ROLES, type TeamRole } from "../domain";
import { formatDate } from "../lib/format";
import { useResource } from "../lib/use-resource";
import { Link } from "../router";
import { useOrg } from "../session/org-context";
import { useSession } from "../session/session";

/** One team: its members and their team roles; org admins and the team's owners (and admins) manage them. */
export function TeamPage({ teamId }: { teamId: string }) {
  const { org, me, can } = useOrg();
  const { refresh } = useSession();
  const announce = useAnnounce();
  const teamResource = useResource(`team:${teamId}`, () => getTeam(org.id, teamId));
  const members = useResource(`team-members:${teamId}`, () => listTeamMembers(org.id, teamId));
  const [removing, setRemoving] = useState<TeamMember | null>(null);
  const [rowError, setRowError] = useState<{ userId: string; message: string } | null>(null);
  const team = teamResource.data;
  const canManage = can("team-members:manage", teamId);
  const back = `/orgs/${org.id}/settings/teams`;

  const afterChange = async (message: string, userId: string) => {
    announce(message);
    members.reload();
    teamResource.reload();
    if (userId === me.user.id) await refresh();
  };

  const changeRole = async (member: TeamMember, role: TeamRole) => {
    setRowError(null);
    try {
      await updateTeamMember(org.id, teamId, member.userId, role);
      await afterChange(
        `${member.name} is now ${TEAM_ROLE_LABELS[role] === "Owner" ? "an" : "a"} ${TEAM_ROLE_LABELS[role]} of the team.`,
        member.userId,
      );
    } catch (caught) {
      setRowError({ userId: member.userId, message: errorMessage(caught) });
      members.reload();
    }
  };

  const title = team?.name ?? "Team";
  return (
    <SettingsLayout>
      <p className="breadcrumb">
        <Link to={back}>← All teams</Link>
      </p>
      <div className="page-header">
        <div>
          <PageTitle title={title}>
            {title}
            {team?.isDefault && <span className="tag tag-large">Default team</span>}
          </PageTitle>
          <p className="page-help">
            Owners have exclusive control over membership and role changes for the team; admins manage
            members; members use the team’s agents and credentials.
          </p>
        </div>
      </div>
      {isApiError(teamResource.error, "NOT_FOUND") ? (
        <section className="card">
          <p>
            This team does not exist any more. <Link to={back}>Back to all teams</Link>
          </p>
        </section>
      ) : (
        <section className="card" aria-labelledby="team-members-title">
          <div className="card-header">
            <h2 id="team-members-title">Members</h2>
          </div>
          {canManage && (
            <AddTeamMemberForm
              teamId={teamId}
              existing={members.data?.items ?? []}
              onAdded={(name, userId) => afterChange(`${name} was added to the team.`, userId)}
            />
          )}
          <ErrorText message={members.error ? errorMessage(members.error) : null} />
          {members.isLoading && !members.data && <Loading />}
          {members.data && members.data.items.length === 0 && (
            <p className="empty">Nobody is in this team yet.</p>
          )}
          {members.data && members.data.items.length > 0 && (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Email</th>
                    <th scope="col">Team role</th>
                    <th scope="col">Added</th>
                    {canManage && <ActionsHeader />}
                  </tr>
                </thead>
                <tbody>
                  {members.data.items.map((member) => (
                    <tr key={member.userId}>
                      <td>
                        <span className="cell-title">{member.name}</span>
                        {member.userId === me.user.id && <span className="tag">You</span>}
                      </td>
                      <td className="break">{member.email}</td>
                      <td>
                        {canManage ? (
                          <>
                            <label className="visually-hidden" htmlFor={`team-role-${member.userId}`}>
                              Team role of {member.name}
                            </label>
                            <select
                              id={`team-role-${member.userId}`}
                              className="select select-compact"
                              value={member.role}
                              onChange={(event) => changeRole(member, event.target.value as TeamRole)}
                            >
                              {TEAM_ROLES.map((role) => (
                                <option key={role} value={role}>
                                  {TEAM_ROLE_LABELS[role]}
                                </option>
                              ))}
                            </select>
                          </>
                        ) : (
                          TEAM_ROLE_LABELS[member.role]
                        )}
                        {rowError?.userId === member.userId && <ErrorText message={rowError.message} />}
                      </td>
                      <td className="nowrap">{formatDate(member.addedAt)}</td>
                      {canManage && (
                        <td className="actions">
                          <RowAction
                            label="Remove"
                            target={`${member.name} from the team`}
                            tone="danger"
                            onClick={() => setRemoving(member)}
                          />
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
      {removing && (
        <ConfirmDialog
          title={`Remove ${removing.name} from ${title}?`}
          confirmLabel="Remove from team"
          onClose={() => setRemoving(null)}
          onConfirm={async () => {
            await removeTeamMember(org.id, teamId, removing.userId);
            await afterChange(`${removing.name} was removed from the team.`, removing.userId);
          }}
        >
          <p>They stay in {org.name}; they only leave this team and lose what it shares.</p>
        </ConfirmDialog>
      )}
    </SettingsLayout>
  );
}
