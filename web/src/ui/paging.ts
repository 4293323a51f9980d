import { useState } from 'react';
import type { CursorPaging } from './DataTable';

/** Rows per page of the app's tables. */
export const PAGE_SIZE = 25;

interface PageInfoLike {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor?: string | null;
  endCursor?: string | null;
}

/**
 * The variables of one page of a connection, moved by its cursors (first/after forward,
 * last/before back), and the DataTable's paging for the page the API answered.
 */
export function useCursorPages(size = PAGE_SIZE) {
  const [variables, setVariables] = useState<{ first?: number; after?: string; last?: number; before?: string }>({ first: size });
  return {
    variables,
    reset: () => setVariables({ first: size }),
    paging(pageInfo: PageInfoLike | undefined): CursorPaging | undefined {
      if (!pageInfo || (!pageInfo.hasNextPage && !pageInfo.hasPreviousPage && !variables.after && !variables.before)) return undefined;
      return {
        // Going back from the last page with `before` gives a page whose hasPreviousPage is exact;
        // going forward with `after` always has a page before it.
        hasPreviousPage: Boolean(variables.after) || pageInfo.hasPreviousPage,
        hasNextPage: Boolean(variables.before) || pageInfo.hasNextPage,
        onPrevious: () => pageInfo.startCursor && setVariables({ last: size, before: pageInfo.startCursor }),
        onNext: () => pageInfo.endCursor && setVariables({ first: size, after: pageInfo.endCursor }),
      };
    },
  };
}
