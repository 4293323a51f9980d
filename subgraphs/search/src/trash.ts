import type { TrashSpec } from '@cellgraph/kernel';

/** Saved searches in the trash: deleted for good after 30 days, or by `savedSearchPurge`. */
export const savedSearchTrash: TrashSpec = {
  type: 'SavedSearch',
  table: 'saved_searches',
  event: 'saved_search',
};
