import type { Authorizer, Database } from '@cellgraph/kernel';
import type { SavedSearchService } from './saved-search/saved-search.service.js';

/** What every resolver of the search subgraph receives. */
export interface SearchServices {
  db: Database;
  authz: Authorizer;
  savedSearches: SavedSearchService;
}
