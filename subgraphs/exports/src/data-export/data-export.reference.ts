import { referenceThroughLoader } from '@cellgraph/kernel';
import type { ExportsServices } from '../services.js';
import { dataExportById } from './data-export.loaders.js';

export const resolveDataExportReference = referenceThroughLoader<ExportsServices, unknown>('DataExport', (context) =>
  dataExportById(context.services, context.loaders, context.request),
);
