import { referenceThroughLoader } from '@cellgraph/kernel';
import type { IdentityServices } from '../services.js';
import { teamById } from './team.loaders.js';

/** Team references from other subgraphs (Team.tasks): teams of the caller's organization. */
export const resolveTeamReference = referenceThroughLoader<IdentityServices, unknown>('Team', (context) =>
  teamById(context.services, context.loaders, context.request),
);
