import { referenceThroughLoader } from '@cellgraph/kernel';
import type { DocumentsServices } from '../services.js';
import { deliverableById } from './deliverable.loaders.js';

export const resolveDeliverableReference = referenceThroughLoader<DocumentsServices, unknown>('Deliverable', (context) =>
  deliverableById(context.services, context.loaders, context.request),
);
