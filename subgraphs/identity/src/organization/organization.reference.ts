import { referenceThroughLoader } from '@cellgraph/kernel';
import type { IdentityServices } from '../services.js';
import { organizationById } from './organization.loaders.js';

export const resolveOrganizationReference = referenceThroughLoader<IdentityServices, unknown>('Organization', (context) =>
  organizationById(context.services.db, context.loaders, context.request),
);
