import { defineSubgraph, referenceAsIs } from '@cellgraph/kernel';
import { searchEvents } from './contracts.js';
import { SavedSearch } from './saved-search/saved-search.entity.js';
import { resolveSavedSearchReference } from './saved-search/saved-search.reference.js';
import { SavedSearchResolver } from './saved-search/saved-search.resolver.js';
import { SavedSearchService } from './saved-search/saved-search.service.js';
import { migrations } from './migrations/index.js';
import type { SearchServices } from './services.js';
import { savedSearchTrash } from './trash.js';

export const searchSubgraph = defineSubgraph<SearchServices>({
  name: 'search',
  description: 'Search: saved searches.',
  scope: 'search',
  scopeDescription: 'saved searches',
  nodeTypes: ['SavedSearch'],
  trash: [savedSearchTrash],
  dependsOn: ['identity'],
  migrations,
  entities: [SavedSearch],
  resolvers: [SavedSearchResolver],
  references: {
    SavedSearch: resolveSavedSearchReference,
    User: referenceAsIs,
  },
  emits: searchEvents,
  createServices({ db, authz }) {
    return { db, authz, savedSearches: new SavedSearchService(db, authz) };
  },
});
