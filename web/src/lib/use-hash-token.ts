import { useEffect, useState } from "react";

function readHashToken(): string | null {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
  const token = params.get("token");
  return token ? token.trim() : null;
}

function clearHash(): void {
  if (window.location.hash) {
    window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
  }
}

/**
 * Reads `#token=…` (invite and setup links keep the token in the fragment, which browsers never send
 * to servers), then takes it out of the address bar so it does not linger in history, bookmarks or
 * screen shares. A second link pasted into the same tab only changes the fragment (no page load), so
 * `hashchange` is followed too.
 */
export function useHashToken(): string | null {
  const [token, setToken] = useState(readHashToken);
  useEffect(() => {
    clearHash();
    const onHashChange = () => {
      const next = readHashToken();
      if (next) setToken(next);
      clearHash();
    };
    window.addEventListener("hashchange", onHashChange);
    return () => window.removeEventListener("hashchange", onHashChange);
  }, []);
  return token;
}
