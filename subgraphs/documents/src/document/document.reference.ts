import { referenceThroughLoader } from '@cellgraph/kernel';
import type { DocumentsServices } from '../services.js';
import { documentById } from './document.loaders.js';

export const resolveDocumentReference = referenceThroughLoader<DocumentsServices, unknown>('Document', (context) =>
  documentById(context.services, context.loaders, context.request),
);
