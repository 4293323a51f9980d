import type { Authorizer, Database } from '@cellgraph/kernel';
import type { RecentSearchService } from './recent-search/recent-search.service.js';
import type { SavedSearchService } from './saved-search/saved-search.service.js';
import type { DocumentProjection } from './search-index/document-projection.js';
import type { SearchService } from './search-index/search.service.js';

/** What every resolver of the search subgraph receives. */
export interface SearchServices {
  db: Database;
  authz: Authorizer;
  savedSearches: SavedSearchService;
  recentSearches: RecentSearchService;
  search: SearchService;
  documents: DocumentProjection;
}
