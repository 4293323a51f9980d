import type { LoaderRegistry, RequestContext, SubgraphContext } from '@cellgraph/kernel';
import type { ExportsServices } from '../services.js';
import type { DataExport } from './data-export.entity.js';

/*
 * Per-request DataLoaders of data exports: N parents cost one query.
 */

/** Data exports by id for the caller: null when absent (or in the trash), a FORBIDDEN error when unreadable. */
export const dataExportById = ({ dataExports }: ExportsServices, loaders: LoaderRegistry, request: RequestContext) =>
  dataExports.access.loader(loaders, request);

/** One data export for a field or query; an unreadable one raises its FORBIDDEN error at that field. */
export const loadDataExport = (context: SubgraphContext<ExportsServices>, id: string | null): Promise<DataExport | null> =>
  context.services.dataExports.access.loadReadable(context.loaders, context.request, id);
