import { referenceThroughLoader } from '@cellgraph/kernel';
import type { CrmServices } from '../services.js';
import { contactById } from './contact.loaders.js';

/** `__resolveReference` of Contact: through the request's loader (null, or FORBIDDEN at the field). */
export const resolveContactReference = referenceThroughLoader<CrmServices, unknown>('Contact', (context) =>
  contactById(context.services, context.loaders, context.request),
);
