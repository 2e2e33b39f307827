import { errorMessage } from "../api/client";
import { getInvitationDashboard } from "../api/endpoints";
import { ErrorText } from "../components/error-text";
import { InvitationChart } from "../components/invitation-dashboard/invitation-chart";
import { PageHeader } from "../components/page-header";
import { SettingsLayout } from "../components/settings-layout";
import { useResource } from "../lib/use-resource";
import { useOrg } from "../session/org-context";

function Tile({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="dash-tile">
      <dt>{label}</dt>
      <dd>
        <span className="dash-tile-value">{value}</span>
        {detail && <span className="dash-tile-detail">{detail}</span>}
      </dd>
    </div>
  );
}

const users = (n: number) => `${n} ${n === 1 ? "user" : "users"}`;

/** Settings → Invitations: the guide's Invitation Dashboard (status overview, activity, a 30-day chart). */
export function InvitationDashboardPage() {
  const { org } = useOrg();
  const dashboard = useResource(`invitation-dashboard:${org.id}`, () => getInvitationDashboard(org.id));
  const data = dashboard.data;

  return (
    <SettingsLayout>
      <PageHeader
        title="Invitation dashboard"
        help="Monitor pending and completed invitations: who accepted, who is still waiting, and what happened lately."
      />
      <div className="stack">
        <ErrorText message={dashboard.error ? errorMessage(dashboard.error) : null} />
        {data && (
          <>
            <section className="card" aria-labelledby="dash-overview-title">
              <h2 id="dash-overview-title">Invitation status overview</h2>
              <dl className="dash-tiles">
                <Tile
                  label="Accepted"
                  value={users(data.accepted.count)}
                  detail={`${data.accepted.percent}%`}
                />
                <Tile label="Pending" value={users(data.pending.count)} detail={`${data.pending.percent}%`} />
                <Tile label="Expired" value={users(data.expired.count)} detail={`${data.expired.percent}%`} />
                <Tile label="Resent" value={users(data.resent.count)} />
                <Tile label="This month" value={`+${data.newMembersThisMonth.count} new members`} />
              </dl>
              {data.revoked.count > 0 && (
                <p className="muted">
                  {data.revoked.count} cancelled{" "}
                  {data.revoked.count === 1 ? "invitation is" : "invitations are"} not counted in the
                  percentages.
                </p>
              )}
            </section>
            <section className="card" aria-labelledby="dash-chart-heading">
              <h2 id="dash-chart-heading">Sent vs accepted, last 30 days</h2>
              <InvitationChart days={data.chart} />
            </section>
            <section className="card" aria-labelledby="dash-activity-title">
              <h2 id="dash-activity-title">Recent activity</h2>
              {data.recentActivity.length === 0 ? (
                <p className="empty">No invitations yet.</p>
              ) : (
                <ul className="dash-activity">
                  {data.recentActivity.map((entry) => (
                    <li key={entry.id}>
                      <time dateTime={entry.at} title={new Date(entry.at).toLocaleString()}>
                        {entry.sentence}
                      </time>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </>
        )}
      </div>
    </SettingsLayout>
  );
}
