import { useId } from "react";
import type { Me } from "../api/types";
import { Link, navigate, useLocation } from "../router";
import { useSession } from "../session/session";
import { useAnnounce } from "./announcer";

/** The header of signed-in pages: product, organization (a switcher when there are several), person, sign out. */
export function AppHeader({ me, orgId }: { me: Me; orgId?: string }) {
  const { signOut } = useSession();
  const announce = useAnnounce();
  const { pathname } = useLocation();
  const switcherId = useId();
  const current = me.memberships.find((m) => m.orgId === orgId);
  const home = current ? `/orgs/${current.orgId}` : "/";
  const settings = current ? `/orgs/${current.orgId}/settings/users` : null;
  const canSeeSettings = current !== undefined && current.role !== "viewer";

  const handleSignOut = async () => {
    try {
      await signOut();
      navigate("/login", { replace: true });
    } catch {
      announce("Signing out failed. Try again.", "error");
    }
  };

  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="header-inner">
        <Link to={home} className="brand">
          <img src="/favicon.svg" alt="" width="24" height="24" />
          Gatehouse
        </Link>
        {me.memberships.length > 1 ? (
          <div className="org-switcher">
            <label htmlFor={switcherId} className="visually-hidden">
              Organization
            </label>
            <select
              id={switcherId}
              className="select select-compact"
              value={orgId ?? ""}
              onChange={(event) => navigate(`/orgs/${event.target.value}`)}
            >
              {!current && <option value="">Choose an organization</option>}
              {me.memberships.map((m) => (
                <option key={m.orgId} value={m.orgId}>
                  {m.orgName}
                </option>
              ))}
            </select>
          </div>
        ) : (
          current && <span className="org-name">{current.orgName}</span>
        )}
        {current && (
          <nav aria-label="Main" className="main-nav">
            <Link to={home} aria-current={pathname === home ? "page" : undefined}>
              Home
            </Link>
            {canSeeSettings && settings && (
              <Link to={settings} aria-current={pathname.includes("/settings") ? "page" : undefined}>
                Settings
              </Link>
            )}
          </nav>
        )}
        <div className="header-user">
          <span className="user-name" title={me.user.email}>
            {me.user.name}
          </span>
          <button type="button" className="button button-quiet" onClick={handleSignOut}>
            Sign out
          </button>
        </div>
      </div>
    </header>
  );
}
