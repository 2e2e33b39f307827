import type { ReactNode } from "react";
import { Link, useLocation } from "../router";
import { useOrg } from "../session/org-context";

type Item = { to: string; label: string; show: boolean };

/**
 * Settings with its left menu, in groups: People, Access, Resources, Developers. Only what the person
 * may use is listed: admins see everything; Users read the rules and manage their own agents and keys;
 * viewers see little more than the people pages.
 */
export function SettingsLayout({ children }: { children: ReactNode }) {
  const { org, rules, can, isAdmin, membership } = useOrg();
  const { pathname } = useLocation();
  const base = `/orgs/${org.id}/settings`;
  const worker = membership.role !== "viewer";
  const groups: { title: string; items: Item[] }[] = [
    {
      title: "People",
      items: [
        { to: `${base}/users`, label: "Users", show: true },
        { to: `${base}/teams`, label: "Teams", show: rules.hasMultipleTeams && can("teams:read") },
        { to: `${base}/invitations`, label: "Invitations", show: can("invitations:read") },
      ],
    },
    {
      title: "Access",
      items: [
        { to: `${base}/permission-sets`, label: "Permission sets", show: worker },
        { to: `${base}/projects`, label: "Projects", show: worker },
        { to: `${base}/team-spaces`, label: "Team spaces", show: true },
        { to: `${base}/sharing`, label: "Sharing", show: worker },
        { to: `${base}/mass-update`, label: "Mass update", show: isAdmin },
      ],
    },
    {
      title: "Resources",
      items: [
        { to: `${base}/agents`, label: "Agents", show: worker },
        { to: `${base}/agent-requests`, label: "Agent requests", show: worker },
        { to: `${base}/integrations`, label: "Integrations", show: worker },
        { to: `${base}/models`, label: "Models", show: worker },
        { to: `${base}/knowledge-bases`, label: "Knowledge bases", show: worker },
        { to: `${base}/context-files`, label: "Context files", show: true },
      ],
    },
    {
      title: "Developers",
      items: [
        { to: `${base}/api-keys`, label: "API keys", show: worker },
        { to: `${base}/webhooks`, label: "Webhooks", show: isAdmin },
      ],
    },
    {
      title: "Identity",
      items: [
        { to: `${base}/domains`, label: "Domains", show: isAdmin },
        { to: `${base}/join-requests`, label: "Join requests", show: isAdmin },
        { to: `${base}/sso`, label: "Single sign-on", show: isAdmin },
        { to: `${base}/group-mapping`, label: "Group mapping", show: isAdmin },
        { to: `${base}/scim`, label: "SCIM", show: isAdmin },
      ],
    },
    {
      title: "Organization",
      items: [
        { to: `${base}/audit`, label: "Audit", show: isAdmin },
        { to: `${base}/email`, label: "Email", show: isAdmin },
      ],
    },
  ];
  return (
    <div className="settings">
      <nav aria-label="Settings" className="settings-nav">
        <p className="settings-nav-title">Settings</p>
        {groups.map((group) => {
          const items = group.items.filter((item) => item.show);
          if (items.length === 0) return null;
          return (
            <div key={group.title} className="settings-nav-group">
              <p className="settings-nav-group-title" id={`settings-group-${group.title}`}>
                {group.title}
              </p>
              <ul aria-labelledby={`settings-group-${group.title}`}>
                {items.map((item) => (
                  <li key={item.to}>
                    <Link
                      to={item.to}
                      aria-current={
                        pathname === item.to || pathname.startsWith(`${item.to}/`) ? "page" : undefined
                      }
                    >
                      {item.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </nav>
      <div className="settings-content">{children}</div>
    </div>
  );
}
