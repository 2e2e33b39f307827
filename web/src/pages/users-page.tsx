import { useState } from "react";
import { InviteUserDialog } from "../components/invite-user-dialog";
import { InvitesCard } from "../components/invites-card";
import { PageTitle } from "../components/page-title";
import { SettingsLayout } from "../components/settings-layout";
import { UsersCard } from "../components/users-card";
import { formatSeats } from "../lib/format";
import { Link } from "../router";
import { useOrg } from "../session/org-context";

/** Settings → Users: the Users card (with Invite User) and, for admins, Active Invites. */
export function UsersPage() {
  const { org, rules, can, reloadOrg } = useOrg();
  const [isInviting, setInviting] = useState(false);
  const [version, setVersion] = useState(0);
  const refresh = () => {
    setVersion((v) => v + 1);
    reloadOrg();
  };

  return (
    <SettingsLayout>
      <div className="page-header">
        <div>
          <PageTitle title="Users">Users</PageTitle>
          <p className="page-help">{rules.usersPageHelp}</p>
        </div>
        <p className="seats">
          <span className="plan-tag">{rules.label} plan</span>
          {formatSeats(org.seats)}
          {can("invitations:create") && rules.canInvite && (
            <Link className="button" to={`/orgs/${org.id}/settings/users/import`}>
              Import CSV
            </Link>
          )}
        </p>
      </div>
      <div className="stack">
        {can("members:read") ? (
          <UsersCard onInvite={() => setInviting(true)} refreshKey={version} />
        ) : (
          <section className="card">
            <h2>Users</h2>
            <p className="muted">
              Viewers see shared work, not the member directory. Ask an admin if you need more.
            </p>
          </section>
        )}
        {can("invitations:read") && rules.canInvite && (
          <InvitesCard refreshKey={version} onChanged={reloadOrg} />
        )}
      </div>
      {isInviting && <InviteUserDialog onClose={() => setInviting(false)} onCreated={refresh} />}
    </SettingsLayout>
  );
}
