import { referenceThroughLoader } from '@cellgraph/kernel';
import type { CrmServices } from '../services.js';
import { dealById } from './deal.loaders.js';

/** `__resolveReference` of Deal: through the request's loader (null, or FORBIDDEN at the field). */
export const resolveDealReference = referenceThroughLoader<CrmServices, unknown>('Deal', (context) =>
  dealById(context.services, context.loaders, context.request),
);
