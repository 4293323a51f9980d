import { referenceThroughLoader } from '@cellgraph/kernel';
import type { SearchServices } from '../services.js';
import { savedSearchById } from './saved-search.loaders.js';

export const resolveSavedSearchReference = referenceThroughLoader<SearchServices, unknown>('SavedSearch', (context) =>
  savedSearchById(context.services, context.loaders, context.request),
);
