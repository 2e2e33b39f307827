import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { isApiError, setUnauthenticatedHandler } from "../api/client";
import { getMe, logout } from "../api/endpoints";
import type { Me } from "../api/types";
import { navigate } from "../router";

export type SessionState = { status: "loading" } | { status: "signed-out" } | { status: "signed-in"; me: Me };

type SessionValue = {
  state: SessionState;
  /** Re-reads GET /me (after sign-in, accepting an invitation, a role change). */
  refresh: () => Promise<Me | null>;
  signOut: () => Promise<void>;
};

const SessionContext = createContext<SessionValue | null>(null);

export function loginPath(next?: string): string {
  const target = next ?? window.location.pathname + window.location.search;
  return target && target !== "/" && !target.startsWith("/login")
    ? `/login?next=${encodeURIComponent(target)}`
    : "/login";
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: "loading" });

  const refresh = useCallback(async () => {
    try {
      const me = await getMe();
      setState({ status: "signed-in", me });
      return me;
    } catch (error) {
      if (!isApiError(error, "UNAUTHENTICATED")) throw error;
      setState({ status: "signed-out" });
      return null;
    }
  }, []);

  const signOut = useCallback(async () => {
    await logout();
    setState({ status: "signed-out" });
  }, []);

  useEffect(() => {
    // A 401 from any call means the session ended (expired, signed out elsewhere, removed from the org).
    setUnauthenticatedHandler(() => {
      setState({ status: "signed-out" });
      navigate(loginPath(), { replace: true });
    });
    refresh().catch(() => setState({ status: "signed-out" }));
  }, [refresh]);

  const value = useMemo(() => ({ state, refresh, signOut }), [state, refresh, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside <SessionProvider>");
  return value;
}
