import type { LoaderRegistry, RequestContext, SubgraphContext } from '@cellgraph/kernel';
import type { IdentityServices } from '../services.js';
import type { Team } from './team.entities.js';

/** Teams by id, batched per request (null where missing, deleted or of another organization). */
export const teamById = ({ teams }: Pick<IdentityServices, 'teams'>, loaders: LoaderRegistry, request: RequestContext) => teams.access.loader(loaders, request);

/** One team for a field. */
export const loadTeam = (context: SubgraphContext<IdentityServices>, id: string | null): Promise<Team | null> =>
  context.services.teams.access.loadReadable(context.loaders, context.request, id);
