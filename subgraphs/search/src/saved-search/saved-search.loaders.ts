import type { LoaderRegistry, RequestContext, SubgraphContext } from '@cellgraph/kernel';
import type { SearchServices } from '../services.js';
import type { SavedSearch } from './saved-search.entity.js';

/*
 * Per-request DataLoaders of saved searches: N parents cost one query.
 */

/** Saved searches by id for the caller: null when absent (or in the trash), a FORBIDDEN error when unreadable. */
export const savedSearchById = ({ savedSearches }: SearchServices, loaders: LoaderRegistry, request: RequestContext) =>
  savedSearches.access.loader(loaders, request);

/** One saved search for a field or query; an unreadable one raises its FORBIDDEN error at that field. */
export const loadSavedSearch = (context: SubgraphContext<SearchServices>, id: string | null): Promise<SavedSearch | null> =>
  context.services.savedSearches.access.loadReadable(context.loaders, context.request, id);
