import type { ReactNode } from "react";
import { Link, useLocation } from "../router";
import { useOrg } from "../session/org-context";

/** Settings with its left menu: Users always, Teams on plans with several teams (Business, Enterprise). */
export function SettingsLayout({ children }: { children: ReactNode }) {
  const { org, rules, can } = useOrg();
  const { pathname } = useLocation();
  const base = `/orgs/${org.id}/settings`;
  const items = [
    { to: `${base}/users`, label: "Users", show: true },
    { to: `${base}/teams`, label: "Teams", show: rules.hasMultipleTeams && can("teams:read") },
  ];
  return (
    <div className="settings">
      <nav aria-label="Settings" className="settings-nav">
        <p className="settings-nav-title">Settings</p>
        <ul>
          {items
            .filter((item) => item.show)
            .map((item) => (
              <li key={item.to}>
                <Link to={item.to} aria-current={pathname.startsWith(item.to) ? "page" : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
        </ul>
      </nav>
      <div className="settings-content">{children}</div>
    </div>
  );
}
