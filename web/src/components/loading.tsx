import type { PagedList } from "../lib/use-paged-list";

export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <p className="loading" role="status">
      {label}
    </p>
  );
}

/** Under a paged list: Loading… while a page loads, then Load more while there are more pages. */
export function LoadMore({ list }: { list: Pick<PagedList<unknown>, "isLoading" | "hasMore" | "loadMore"> }) {
  if (list.isLoading) return <Loading />;
  if (!list.hasMore) return null;
  return (
    <button type="button" className="button button-small load-more" onClick={list.loadMore}>
      Load more
    </button>
  );
}
