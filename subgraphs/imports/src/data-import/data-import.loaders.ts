import type { LoaderRegistry, RequestContext, SubgraphContext } from '@cellgraph/kernel';
import type { ImportsServices } from '../services.js';
import type { DataImport } from './data-import.entity.js';

/*
 * Per-request DataLoaders of data imports: N parents cost one query.
 */

/** Data imports by id for the caller: null when absent (or in the trash), a FORBIDDEN error when unreadable. */
export const dataImportById = ({ dataImports }: ImportsServices, loaders: LoaderRegistry, request: RequestContext) =>
  dataImports.access.loader(loaders, request);

/** One data import for a field or query; an unreadable one raises its FORBIDDEN error at that field. */
export const loadDataImport = (context: SubgraphContext<ImportsServices>, id: string | null): Promise<DataImport | null> =>
  context.services.dataImports.access.loadReadable(context.loaders, context.request, id);
