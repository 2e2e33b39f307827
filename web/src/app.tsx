import type { ReactNode } from "react";
import { OrgShell } from "./components/org-shell";
import { Redirect } from "./components/redirect";
import { AgentRequestsPage } from "./pages/agent-requests-page";
import { AgentsPage } from "./pages/agents-page";
import { ApiKeysPage } from "./pages/api-keys-page";
import { AuditPage } from "./pages/audit-page";
import { ContextFilesPage } from "./pages/context-files-page";
import { DomainsPage } from "./pages/domains-page";
import { EmailPage } from "./pages/email-page";
import { GroupMappingPage } from "./pages/group-mapping-page";
import { HomePage } from "./pages/home-page";
import { ImportPage } from "./pages/import-page";
import { IntegrationsPage } from "./pages/integrations-page";
import { InvitationDashboardPage } from "./pages/invitation-dashboard-page";
import { InvitePage } from "./pages/invite-page";
import { JoinRequestsPage } from "./pages/join-requests-page";
import { KnowledgeBasesPage } from "./pages/knowledge-bases-page";
import { LoginPage } from "./pages/login-page";
import { MassUpdatePage } from "./pages/mass-update-page";
import { MemberAccessPage } from "./pages/member-access-page";
import { ModelsPage } from "./pages/models-page";
import { NotFoundPage } from "./pages/not-found-page";
import { PermissionSetsPage } from "./pages/permission-sets-page";
import { ProjectsPage } from "./pages/projects-page";
import { RootRedirect } from "./pages/root-redirect";
import { ScimPage } from "./pages/scim-page";
import { SetupPage } from "./pages/setup-page";
import { SharingPage } from "./pages/sharing-page";
import { JoinPage, JoinVerifyPage } from "./pages/signup-pages";
import { SsoErrorPage, SsoSignInPage, SsoStartPage } from "./pages/sso-pages";
import { SsoSettingsPage } from "./pages/sso-settings-page";
import { TeamPage } from "./pages/team-page";
import { TeamSpacePage } from "./pages/team-space-page";
import { TeamSpacesPage } from "./pages/team-spaces-page";
import { TeamsPage } from "./pages/teams-page";
import { UsersPage } from "./pages/users-page";
import { WebhooksPage } from "./pages/webhooks-page";
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
  { path: "/join", render: () => <JoinPage /> },
  { path: "/join/verify", render: () => <JoinVerifyPage /> },
  { path: "/orgs/:orgId", render: (p) => inOrg(p, <HomePage />) },
  { path: "/orgs/:orgId/settings", render: (p) => <Redirect to={`/orgs/${p.orgId}/settings/users`} /> },
  { path: "/orgs/:orgId/settings/users", render: (p) => inOrg(p, <UsersPage />) },
  { path: "/orgs/:orgId/settings/teams", render: (p) => inOrg(p, <TeamsPage />) },
  {
    path: "/orgs/:orgId/settings/teams/:teamId",
    render: (p) => inOrg(p, <TeamPage key={p.teamId} teamId={p.teamId ?? ""} />),
  },
  {
    path: "/orgs/:orgId/settings/users/:userId/access",
    render: (p) => inOrg(p, <MemberAccessPage key={p.userId} userId={p.userId ?? ""} />),
  },
  { path: "/orgs/:orgId/settings/permission-sets", render: (p) => inOrg(p, <PermissionSetsPage />) },
  { path: "/orgs/:orgId/settings/projects", render: (p) => inOrg(p, <ProjectsPage />) },
  { path: "/orgs/:orgId/settings/team-spaces", render: (p) => inOrg(p, <TeamSpacesPage />) },
  {
    path: "/orgs/:orgId/settings/team-spaces/:spaceId",
    render: (p) => inOrg(p, <TeamSpacePage key={p.spaceId} spaceId={p.spaceId ?? ""} />),
  },
  { path: "/orgs/:orgId/settings/sharing", render: (p) => inOrg(p, <SharingPage />) },
  { path: "/orgs/:orgId/settings/mass-update", render: (p) => inOrg(p, <MassUpdatePage />) },
  { path: "/orgs/:orgId/settings/agents", render: (p) => inOrg(p, <AgentsPage />) },
  { path: "/orgs/:orgId/settings/agent-requests", render: (p) => inOrg(p, <AgentRequestsPage />) },
  { path: "/orgs/:orgId/settings/integrations", render: (p) => inOrg(p, <IntegrationsPage />) },
  { path: "/orgs/:orgId/settings/models", render: (p) => inOrg(p, <ModelsPage />) },
  { path: "/orgs/:orgId/settings/invitations", render: (p) => inOrg(p, <InvitationDashboardPage />) },
  { path: "/orgs/:orgId/settings/knowledge-bases", render: (p) => inOrg(p, <KnowledgeBasesPage />) },
  { path: "/orgs/:orgId/settings/context-files", render: (p) => inOrg(p, <ContextFilesPage />) },
  { path: "/orgs/:orgId/settings/api-keys", render: (p) => inOrg(p, <ApiKeysPage />) },
  { path: "/orgs/:orgId/settings/users/import", render: (p) => inOrg(p, <ImportPage />) },
  { path: "/orgs/:orgId/settings/domains", render: (p) => inOrg(p, <DomainsPage />) },
  { path: "/orgs/:orgId/settings/join-requests", render: (p) => inOrg(p, <JoinRequestsPage />) },
  { path: "/sso", render: () => <SsoSignInPage /> },
  { path: "/sso/error", render: () => <SsoErrorPage /> },
  { path: "/sso/:orgId", render: (p) => <SsoStartPage orgId={p.orgId ?? ""} /> },
  { path: "/orgs/:orgId/settings/sso", render: (p) => inOrg(p, <SsoSettingsPage />) },
  { path: "/orgs/:orgId/settings/scim", render: (p) => inOrg(p, <ScimPage />) },
  { path: "/orgs/:orgId/settings/group-mapping", render: (p) => inOrg(p, <GroupMappingPage />) },
  { path: "/orgs/:orgId/settings/audit", render: (p) => inOrg(p, <AuditPage />) },
  { path: "/orgs/:orgId/settings/email", render: (p) => inOrg(p, <EmailPage />) },
  { path: "/orgs/:orgId/settings/webhooks", render: (p) => inOrg(p, <WebhooksPage />) },
];

export function App() {
  const { pathname } = useLocation();
  for (const route of ROUTES) {
    const params = matchPath(route.path, pathname);
    if (params) return <>{route.render(params)}</>;
  }
  return <NotFoundPage />;
}
