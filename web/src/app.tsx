import type { ReactNode } from "react";
import { OrgShell } from "./components/org-shell";
import { Redirect } from "./components/redirect";
import { HomePage } from "./pages/home-page";
import { InvitePage } from "./pages/invite-page";
import { LoginPage } from "./pages/login-page";
import { NotFoundPage } from "./pages/not-found-page";
import { RootRedirect } from "./pages/root-redirect";
import { SetupPage } from "./pages/setup-page";
import { TeamPage } from "./pages/team-page";
import { TeamsPage } from "./pages/teams-page";
import { UsersPage } from "./pages/users-page";
import { matchPath, useLocation } from "./router";

type Route = { path: string; render: (params: Record<string, string>) => ReactNode };

const inOrg = (params: Record<string, string>, page: ReactNode) => (
  <OrgShell key={params.orgId} orgId={params.orgId ?? ""}>
    {page}
  </OrgShell>
);

/** Every page of the console. The server answers any other non-API path with this app too. */
const ROUTES: Route[] = [
  { path: "/", render: () => <RootRedirect /> },
  { path: "/login", render: () => <LoginPage /> },
  { path: "/setup", render: () => <SetupPage /> },
  { path: "/invite", render: () => <InvitePage /> },
  { path: "/orgs/:orgId", render: (p) => inOrg(p, <HomePage />) },
  { path: "/orgs/:orgId/settings", render: (p) => <Redirect to={`/orgs/${p.orgId}/settings/users`} /> },
  { path: "/orgs/:orgId/settings/users", render: (p) => inOrg(p, <UsersPage />) },
  { path: "/orgs/:orgId/settings/teams", render: (p) => inOrg(p, <TeamsPage />) },
  {
    path: "/orgs/:orgId/settings/teams/:teamId",
    render: (p) => inOrg(p, <TeamPage key={p.teamId} teamId={p.teamId ?? ""} />),
  },
];

export function App() {
  const { pathname } = useLocation();
  for (const route of ROUTES) {
    const params = matchPath(route.path, pathname);
    if (params) return <>{route.render(params)}</>;
  }
  return <NotFoundPage />;
}
