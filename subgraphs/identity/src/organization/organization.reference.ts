import { referenceThroughLoader } from '@cellgraph/kernel';
import type { IdentityServices } from '../services.js';
import { organizationById } from './organization.loaders.js';

/** Organization references from other subgraphs: the caller's own organization. */
export const resolveOrganizationReference = referenceThroughLoader<IdentityServices, unknown>('Organization', (context) =>
  organizationById(context.services, context.loaders, context.request),
);
