import { referenceThroughLoader } from '@cellgraph/kernel';
import type { DocumentsServices } from '../services.js';
import { clauseById } from './clause.loaders.js';

export const resolveClauseReference = referenceThroughLoader<DocumentsServices, unknown>('Clause', (context) =>
  clauseById(context.services, context.loaders, context.request),
);
