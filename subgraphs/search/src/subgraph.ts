import { defineSubgraph, referenceAsIs, SEARCH_DOCUMENT_CHANGED, SEARCH_DOCUMENT_REMOVED, searchDocumentEvents, typedEventHandlers } from '@cellgraph/kernel';
import { searchEvents } from './contracts.js';
import { RecentSearchService } from './recent-search/recent-search.service.js';
import { SavedSearch } from './saved-search/saved-search.entity.js';
import { resolveSavedSearchReference } from './saved-search/saved-search.reference.js';
import { SavedSearchResolver } from './saved-search/saved-search.resolver.js';
import { SavedSearchService } from './saved-search/saved-search.service.js';
import { DocumentProjection } from './search-index/document-projection.js';
import { SearchResolver } from './search-index/search.resolver.js';
import { SearchService } from './search-index/search.service.js';
import { migrations } from './migrations/index.js';
import type { SearchServices } from './services.js';
import { savedSearchTrash } from './trash.js';

export const searchSubgraph = defineSubgraph<SearchServices>({
  name: 'search',
  description: 'Search: one ranked, typo-tolerant search across every module of the cell; recent and saved searches.',
  scope: 'search',
  scopeDescription: 'search and saved searches',
  trash: [savedSearchTrash],
  dependsOn: ['identity'],
  migrations,
  entities: [SavedSearch],
  resolvers: [SearchResolver, SavedSearchResolver],
  references: {
    SavedSearch: resolveSavedSearchReference,
    Node: referenceAsIs,
  },
  emits: searchEvents,
  // The index: documents the kernel writes in every module with `searchable` types (see the kernel's search/searchable).
  consumes: [SEARCH_DOCUMENT_CHANGED, SEARCH_DOCUMENT_REMOVED],
  eventHandlers: ({ documents }) =>
    typedEventHandlers(searchDocumentEvents, {
      [SEARCH_DOCUMENT_CHANGED]: (event) => documents.changed(event, event.data),
      [SEARCH_DOCUMENT_REMOVED]: (event) => documents.removed(event, event.data),
    }),
  createServices({ db, authz, graph }) {
    const recentSearches = new RecentSearchService(db);
    return {
      db,
      authz,
      savedSearches: new SavedSearchService(db, authz),
      recentSearches,
      search: new SearchService(db, graph, recentSearches),
      documents: new DocumentProjection(db),
    };
  },
});
