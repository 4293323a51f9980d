import type { LoaderRegistry, RequestContext, SubgraphContext } from '@cellgraph/kernel';
import type { DocumentsServices } from '../services.js';
import type { Clause } from './clause.entity.js';

/** Clauses by id for the caller: null when absent (or in the trash), a FORBIDDEN error when unreadable. */
export const clauseById = ({ clauses }: DocumentsServices, loaders: LoaderRegistry, request: RequestContext) => clauses.access.loader(loaders, request);

/** One clause for a field or query; an unreadable one raises its FORBIDDEN error at that field. */
export const loadClause = (context: SubgraphContext<DocumentsServices>, id: string | null): Promise<Clause | null> =>
  context.services.clauses.access.loadReadable(context.loaders, context.request, id);
