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

/**
 * A cursor-paginated list (`{items, nextCursor}`). `loaders` are one or more streams merged into one
 * list (the Active Invites card reads pending and expired invitations side by side), each with its
 * own cursor; `compare` orders the merged list.
 */
export function usePagedList<T>(
  key: string | null,
  loaders: ((cursor: string | null) => Promise<Page<T>>)[],
  compare?: (a: T, b: T) => number,
): PagedList<T> {
  const loadersRef = useRef(loaders);
  loadersRef.current = loaders;
  const compareRef = useRef(compare);
  compareRef.current = compare;
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<{
    items: T[];
    cursors: (string | null)[];
    error?: unknown;
    isLoading: boolean;
  }>({ items: [], cursors: [], isLoading: true });
  const generation = useRef(0);

  const fetchPages = useCallback(async (cursors: (string | null | undefined)[], append: boolean) => {
    const mine = ++generation.current;
    setState((current) => ({ ...current, isLoading: true, error: undefined }));
    try {
      const pages = await Promise.all(
        loadersRef.current.map((load, index) => {
          const cursor = cursors[index];
          // undefined: this stream has no more pages (only when appending).
          return cursor === undefined ? Promise.resolve(null) : load(cursor);
        }),
      );
      if (mine !== generation.current) return;
      setState((current) => {
        const fresh = pages.flatMap((page) => page?.items ?? []);
        const items = append ? [...current.items, ...fresh] : fresh;
        const sort = compareRef.current;
        return {
          items: sort ? [...items].sort(sort) : items,
          cursors: pages.map((page) => page?.nextCursor ?? null),
          isLoading: false,
        };
      });
    } catch (error) {
      if (mine === generation.current) setState((current) => ({ ...current, error, isLoading: false }));
    }
  }, []);

  useEffect(() => {
    if (key === null) return;
    void version; // a reload asks for the same key again
    void fetchPages(
      loadersRef.current.map(() => null),
      false,
    );
  }, [key, version, fetchPages]);

  const loadMore = useCallback(() => {
    void fetchPages(
      state.cursors.map((cursor) => cursor ?? undefined),
      true,
    );
  }, [fetchPages, state.cursors]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return {
    items: state.items,
    error: state.error,
    isLoading: state.isLoading,
    hasMore: state.cursors.some((cursor) => cursor !== null),
    loadMore,
    reload,
  };
}
