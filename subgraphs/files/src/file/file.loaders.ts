import type { LoaderRegistry, RequestContext, SubgraphContext } from '@cellgraph/kernel';
import type { FilesServices } from '../services.js';
import type { File } from './file.entity.js';

/*
 * Per-request DataLoaders of files: N parents cost one query.
 */

/** Files by id for the caller: null when absent (or in the trash), a FORBIDDEN error when unreadable. */
export const fileById = ({ files }: FilesServices, loaders: LoaderRegistry, request: RequestContext) => files.access.loader(loaders, request);

/** One file for a field or query; an unreadable one raises its FORBIDDEN error at that field. */
export const loadFile = (context: SubgraphContext<FilesServices>, id: string | null): Promise<File | null> =>
  context.services.files.access.loadReadable(context.loaders, context.request, id);
