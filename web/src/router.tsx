import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from "react";

/**
 * A tiny history router: the console has a handful of routes, so a library would be more code to
 * audit than this. Links are real <a href> elements (open in a new tab, copy link) and plain clicks
 * become pushState navigations.
 */
const NAVIGATE_EVENT = "gatehouse:navigate";

export type Location = { pathname: string; search: string; hash: string };

let snapshot: Location = readLocation();

function readLocation(): Location {
  const { pathname, search, hash } = window.location;
  return { pathname, search, hash };
}

function subscribe(onChange: () => void): () => void {
  const update = () => {
    const next = readLocation();
    if (
      next.pathname !== snapshot.pathname ||
      next.search !== snapshot.search ||
      next.hash !== snapshot.hash
    ) {
      snapshot = next;
    }
    onChange();
  };
  window.addEventListener("popstate", update);
  window.addEventListener(NAVIGATE_EVENT, update);
  return () => {
    window.removeEventListener("popstate", update);
    window.removeEventListener(NAVIGATE_EVENT, update);
  };
}

export function useLocation(): Location {
  return useSyncExternalStore(subscribe, () => snapshot);
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const current = window.location.pathname + window.location.search + window.location.hash;
  if (to === current) return;
  if (options.replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** Matches "/orgs/:orgId/settings" against a path; returns the named segments, or null. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split("/").filter(Boolean);
  const have = pathname.replace(/\/+$/, "").split("/").filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of want.entries()) {
    const value = have[index] ?? "";
    if (part.startsWith(":")) params[part.slice(1)] = decodeURIComponent(value);
    else if (part !== value) return null;
  }
  return params;
}

/** Only same-site paths are followed after sign-in: `next=//evil.example` must not leave Gatehouse. */
export function safeNext(value: string | null): string | null {
  if (!value?.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return null;
  return value;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

export function Link({ to, onClick, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    const modified = event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0;
    if (event.defaultPrevented || modified || rest.target === "_blank") return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handleClick} {...rest} />;
}
