import { referenceThroughLoader } from '@cellgraph/kernel';
import type { ImportsServices } from '../services.js';
import { dataImportById } from './data-import.loaders.js';

export const resolveDataImportReference = referenceThroughLoader<ImportsServices, unknown>('DataImport', (context) =>
  dataImportById(context.services, context.loaders, context.request),
);
