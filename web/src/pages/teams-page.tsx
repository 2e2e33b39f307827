import { type FormEvent, useId, useState } from "react";
import { errorMessage } from "../api/client";
import { createTeam, deleteTeam, listTeams } from "../api/endpoints";
import type { Team } from "../api/types";
import { useAnnounce } from "../components/announcer";
import { ConfirmDialog } from "../components/confirm-dialog";
import { ErrorText } from "../components/error-text";
import { Loading } from "../components/loading";
import { PageTitle } from "../components/page-title";
import { RenameTeamDialog } from "../components/rename-team-dialog";
import { ActionsHeader, RowAction } from "../components/row-action";
import { SettingsLayout } from "../components/settings-layout";
import { formatDate, plural } from "../lib/format";
import { useResource } from "../lib/use-resource";
import { Link } from "../router";
import { useOrg } from "../session/org-context";
import { useSession } from "../session/session";

/** Settings → Teams (Business and Enterprise): teams with member counts; admins create, rename, delete. */
export function TeamsPage() {
  const { org, rules, can } = useOrg();
  const announce = useAnnounce();
  const teams = useResource(rules.hasMultipleTeams ? `teams:${org.id}` : null, () => listTeams(org.id));
  const [renaming, setRenaming] = useState<Team | null>(null);
  const [deleting, setDeleting] = useState<Team | null>(null);

  if (!rules.hasMultipleTeams) {
    return (
      <SettingsLayout>
        <PageTitle title="Teams">Teams</PageTitle>
        <section className="card">
          <p>
            Teams require Business or Enterprise. On the {rules.label} plan, every user is in the single
            auto-created team.
          </p>
        </section>
      </SettingsLayout>
    );
  }

  return (
    <SettingsLayout>
      <div className="page-header">
        <div>
          <PageTitle title="Teams">Teams</PageTitle>
          <p className="page-help">
            A person can be in several teams, with a different team role in each, independent of their org
            role.
          </p>
        </div>
      </div>
      <section className="card" aria-labelledby="teams-card-title">
        <div className="card-header">
          <h2 id="teams-card-title">Teams</h2>
          {can("teams:create") && <CreateTeamForm onCreated={teams.reload} />}
        </div>
        <ErrorText message={teams.error ? errorMessage(teams.error) : null} />
        {teams.isLoading && !teams.data && <Loading />}
        {teams.data && (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Team</th>
                  <th scope="col">Members</th>
                  <th scope="col">Created</th>
                  <ActionsHeader />
                </tr>
              </thead>
              <tbody>
                {teams.data.items.map((team) => (
                  <tr key={team.id}>
                    <td>
                      <Link to={`/orgs/${org.id}/settings/teams/${team.id}`} className="cell-title">
                        {team.name}
                      </Link>
                      {team.isDefault && <span className="tag">Default team</span>}
                    </td>
                    <td>{plural(team.memberCount, "member")}</td>
                    <td className="nowrap">{formatDate(team.createdAt)}</td>
                    <td className="actions">
                      <div className="button-group">
                        {can("teams:update", team.id) && (
                          <RowAction label="Rename" target={team.name} onClick={() => setRenaming(team)} />
                        )}
                        {can("teams:delete") && !team.isDefault && (
                          <RowAction
                            label="Delete"
                            target={team.name}
                            tone="danger"
                            onClick={() => setDeleting(team)}
                          />
                        )}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {renaming && (
        <RenameTeamDialog
          team={renaming}
          onClose={() => setRenaming(null)}
          onRenamed={(name) => {
            announce(`Team renamed to ${name}.`);
            teams.reload();
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete ${deleting.name}?`}
          confirmLabel="Delete team"
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await deleteTeam(org.id, deleting.id);
            announce(`Team ${deleting.name} was deleted.`);
            teams.reload();
          }}
        >
          <p>
            Its {plural(deleting.memberCount, "member")} stay in {org.name} but leave this team. Pending
            invitations to it join the default team instead.
          </p>
        </ConfirmDialog>
      )}
    </SettingsLayout>
  );
}

function CreateTeamForm({ onCreated }: { onCreated: () => void }) {
  const { org } = useOrg();
  const { refresh } = useSession();
  const announce = useAnnounce();
  const nameId = useId();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const team = await createTeam(org.id, name.trim());
      announce(`Team ${team.name} created. You are its owner.`);
      setName("");
      onCreated();
      // The creator becomes the team's owner: their own teams changed.
      await refresh();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="inline-form" onSubmit={submit}>
      <label htmlFor={nameId} className="visually-hidden">
        New team name
      </label>
      <input
        id={nameId}
        className="input"
        required
        maxLength={64}
        placeholder="New team name"
        value={name}
        onChange={(event) => setName(event.target.value)}
      />
      <button type="submit" className="button button-primary" disabled={isBusy}>
        Create team
      </button>
      <ErrorText message={error} />
    </form>
  );
}
