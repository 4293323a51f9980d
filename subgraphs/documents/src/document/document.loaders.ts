import type { LoaderRegistry, RequestContext, SubgraphContext } from '@cellgraph/kernel';
import type { DocumentsServices } from '../services.js';
import type { Document } from './document.entity.js';

/*
 * Per-request DataLoaders of documents: N parents cost one query.
 */

/** Documents by id for the caller: null when absent (or in the trash), a FORBIDDEN error when unreadable. */
export const documentById = ({ documents }: DocumentsServices, loaders: LoaderRegistry, request: RequestContext) => documents.access.loader(loaders, request);

/** One document for a field or query; an unreadable one raises its FORBIDDEN error at that field. */
export const loadDocument = (context: SubgraphContext<DocumentsServices>, id: string | null): Promise<Document | null> =>
  context.services.documents.access.loadReadable(context.loaders, context.request, id);
