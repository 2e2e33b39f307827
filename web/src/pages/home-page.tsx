import { PageTitle } from "../components/page-title";
import { ORG_ROLE_DESCRIPTIONS, ORG_ROLE_LABELS, TEAM_ROLE_LABELS } from "../domain";
import { formatSeats } from "../lib/format";
import { Link } from "../router";
import { useOrg } from "../session/org-context";

/** Where everyone lands: which organization, with which role, in which teams. */
export function HomePage() {
  const { me, org, membership, rules, isAdmin, can } = useOrg();
  const settings = `/orgs/${org.id}/settings`;
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <PageTitle title={org.name}>Welcome to {org.name}</PageTitle>
          <p className="muted">
            Signed in as {me.user.name} ({me.user.email}) · {rules.label} plan
          </p>
        </div>
      </div>

      <div className="grid-2">
        <section className="card" aria-labelledby="your-access">
          <h2 id="your-access">Your access</h2>
          <dl className="facts">
            <dt>Org role</dt>
            <dd>
              <strong className="role-name">{ORG_ROLE_LABELS[membership.role]}</strong>
              <span className="hint">{ORG_ROLE_DESCRIPTIONS[membership.role]}</span>
            </dd>
            <dt>Teams</dt>
            <dd>
              {membership.teams.length === 0 ? (
                "No team yet"
              ) : (
                <ul className="plain-list">
                  {membership.teams.map((team) => (
                    <li key={team.teamId}>
                      {team.name}
                      {rules.hasTeamRoles && <span className="muted"> · {TEAM_ROLE_LABELS[team.role]}</span>}
                      {rules.hasMultipleTeams && can("team-members:manage", team.teamId) && (
                        <>
                          {" "}
                          <Link to={`${settings}/teams/${team.teamId}`} className="small inline-link">
                            Manage<span className="visually-hidden"> {team.name}</span>
                          </Link>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
            <dt>Department</dt>
            <dd>{membership.department ?? <span className="muted">None</span>}</dd>
          </dl>
          <p className="card-footer-link">
            <Link to={`${settings}/users/${me.user.id}/access`}>My access</Link>
            <span className="hint">Every agent, model, integration and project you can reach, and why.</span>
          </p>
        </section>

        {isAdmin ? (
          <section className="card" aria-labelledby="admin-links">
            <h2 id="admin-links">Manage {org.name}</h2>
            <p className="muted">{formatSeats(org.seats)}.</p>
            <ul className="link-list">
              <li>
                <Link to={`${settings}/users`}>Settings → Users</Link>
                <span className="hint">Invite teammates, change org roles, manage active invites.</span>
              </li>
              {rules.hasMultipleTeams && (
                <li>
                  <Link to={`${settings}/teams`}>Settings → Teams</Link>
                  <span className="hint">Create teams and choose who is in each, with which team role.</span>
                </li>
              )}
            </ul>
          </section>
        ) : (
          <section className="card" aria-labelledby="people-links">
            <h2 id="people-links">People</h2>
            {can("members:read") ? (
              <p>
                <Link to={`${settings}/users`}>See who is in {org.name}</Link>
              </p>
            ) : (
              <p className="muted">Viewers see shared work, not the member directory.</p>
            )}
            <p className="muted">
              Need to invite someone or change a role? Ask an admin of this organization.
            </p>
          </section>
        )}
      </div>
    </div>
  );
}
