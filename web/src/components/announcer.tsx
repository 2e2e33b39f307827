import { createContext, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from "react";

type Kind = "success" | "error";
type Announce = (message: string, kind?: Kind) => void;

const AnnouncerContext = createContext<Announce>(() => {});

/**
 * The console's one live region for outcomes ("Role changed", "Invitation revoked"): screen readers
 * hear them, sighted users see a short-lived notice. The regions stay mounted so that changes to
 * their text are announced.
 */
export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<{ message: string; kind: Kind; id: number } | null>(null);
  const timer = useRef<number | undefined>(undefined);

  const announce = useCallback<Announce>((message, kind = "success") => {
    window.clearTimeout(timer.current);
    setNotice({ message, kind, id: Date.now() });
    timer.current = window.setTimeout(() => setNotice(null), kind === "error" ? 10_000 : 5_000);
  }, []);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  return (
    <AnnouncerContext.Provider value={announce}>
      {children}
      <div className="notices">
        <div role="status" aria-live="polite" className={notice?.kind === "success" ? "notice" : undefined}>
          {notice?.kind === "success" ? notice.message : ""}
        </div>
        <div
          role="alert"
          aria-live="assertive"
          className={notice?.kind === "error" ? "notice notice-error" : undefined}
        >
          {notice?.kind === "error" ? notice.message : ""}
        </div>
      </div>
    </AnnouncerContext.Provider>
  );
}

export function useAnnounce(): Announce {
  return useContext(AnnouncerContext);
}
