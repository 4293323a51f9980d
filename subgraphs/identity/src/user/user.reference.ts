import { referenceThroughLoader } from '@cellgraph/kernel';
import type { IdentityServices } from '../services.js';
import { userById } from './user.loaders.js';

/** Resolves User references from other subgraphs: only users sharing the caller's organization. */
export const resolveUserReference = referenceThroughLoader<IdentityServices, unknown>('User', (context) =>
  userById(context.services, context.loaders, context.request),
);
