import { z } from 'zod';

/*
 * The search module's public contracts (`@cellgraph/search/contracts`): the events it emits
 * (type → schema of `data`) — the only part of search other modules may import. Values are as
 * consumers receive them (JSON: dates are ISO strings).
 */

const empty = z.object({});

/** A saved search's tracked fields (all on `saved_search.created`, the changed ones on `saved_search.updated`). */
const savedSearchFields = z.object({
  name: z.string(),
  query: z.string(),
  types: z.array(z.string()),
});

export const searchEvents = {
  'saved_search.created': z.object({ after: savedSearchFields }),
  'saved_search.updated': z.object({ fields: z.array(z.string()), before: savedSearchFields.partial(), after: savedSearchFields.partial() }),
  /** Moved to the trash; `title` is what the cell's trash shows. */
  'saved_search.deleted': z.object({ title: z.string() }),
  'saved_search.restored': empty,
  /** Deleted for good (the kernel's trash emits it). */
  'saved_search.purged': empty,
} as const;

export type SearchEvents = typeof searchEvents;
