import { useCallback, useEffect, useRef, useState } from "react";
import type { Page } from "../api/types";

export type PagedList<T> = {
  items: T[];
  error: unknown;
  isLoading: boolean;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
};

/** A cursor-paginated list (`{items, nextCursor}`), loaded page by page; a new `key` starts over. */
export function usePagedList<T>(
  key: string | null,
  load: (cursor: string | null) => Promise<Page<T>>,
): PagedList<T> {
  const loadRef = useRef(load);
  loadRef.current = load;
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<{
    items: T[];
    cursor: string | null;
    error?: unknown;
    isLoading: boolean;
  }>({
    items: [],
    cursor: null,
    isLoading: true,
  });
  const generation = useRef(0);

  const fetchPage = useCallback(async (cursor: string | null, append: boolean) => {
    const mine = ++generation.current;
    setState((current) => ({ ...current, isLoading: true, error: undefined }));
    try {
      const page = await loadRef.current(cursor);
      if (mine !== generation.current) return;
      setState((current) => ({
        items: append ? [...current.items, ...page.items] : page.items,
        cursor: page.nextCursor,
        isLoading: false,
      }));
    } catch (error) {
      if (mine === generation.current) setState((current) => ({ ...current, error, isLoading: false }));
    }
  }, []);

  useEffect(() => {
    if (key === null) return;
    void version; // a reload asks for the same key again
    void fetchPage(null, false);
  }, [key, version, fetchPage]);

  const loadMore = useCallback(() => {
    if (state.cursor !== null) void fetchPage(state.cursor, true);
  }, [fetchPage, state.cursor]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return {
    items: state.items,
    error: state.error,
    isLoading: state.isLoading,
    hasMore: state.cursor !== null,
    loadMore,
    reload,
  };
}
