/**
 * Lists are read a page at a time: this many items unless the client asks for fewer or more, and never
 * more than the most. The API's `limit` (src/http/schemas/common.ts) and the page statements that keep
 * these sizes in their SQL text (src/db/prepared-query.ts) both follow them.
 */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;
