import type { Page } from "../api/types";

/** Every page of a cursor-paginated list: pickers must offer every team, person or agent. */
export async function listAll<T>(load: (cursor: string | null) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await load(cursor);
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}
