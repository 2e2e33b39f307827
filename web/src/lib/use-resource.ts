import { useCallback, useEffect, useRef, useState } from "react";

export type Resource<T> = {
  data: T | undefined;
  error: unknown;
  isLoading: boolean;
  reload: () => void;
  /** Replace the data locally after a write the server confirmed. */
  setData: (update: (current: T | undefined) => T | undefined) => void;
};

/** Loads once per `key` (and on reload); a stale answer for an older key is dropped. */
export function useResource<T>(key: string | null, load: () => Promise<T>): Resource<T> {
  const loadRef = useRef(load);
  loadRef.current = load;
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<{ data?: T; error?: unknown; isLoading: boolean }>({ isLoading: true });

  useEffect(() => {
    if (key === null) return;
    void version; // a reload asks for the same key again
    let isCurrent = true;
    setState((current) => ({ ...current, isLoading: true }));
    loadRef.current().then(
      (data) => isCurrent && setState({ data, isLoading: false }),
      (error: unknown) => isCurrent && setState({ error, isLoading: false }),
    );
    return () => {
      isCurrent = false;
    };
  }, [key, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const setData = useCallback(
    (update: (current: T | undefined) => T | undefined) =>
      setState((current) => ({ ...current, data: update(current.data) })),
    [],
  );
  return { data: state.data, error: state.error, isLoading: state.isLoading, reload, setData };
}
