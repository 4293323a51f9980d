import type { LoaderRegistry, RequestContext } from '@cellgraph/kernel';
import type { CollaborationServices } from '../services.js';
import type { Tag } from './tag.entities.js';

/** The tags on each node (uuid), by name: for N objects one batch. */
export const tagsOf = ({ tags }: CollaborationServices, loaders: LoaderRegistry, request: RequestContext) =>
  loaders.get<string, Tag[]>('collaboration.tags', (nodeIds) => tags.tagsOf(request, nodeIds));
