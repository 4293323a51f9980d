/** How many items a connection returns when `first`/`last` is not given, and the most it returns. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;
