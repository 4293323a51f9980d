import type { LoaderRegistry, RequestContext } from '@cellgraph/kernel';
import type { Team } from './team.entities.js';
import type { TeamService } from './team.service.js';

export function teamById(teams: TeamService, loaders: LoaderRegistry, request: RequestContext) {
  return loaders.get<string, Team | null>('identity.teamById', (ids) => teams.byIds(request, ids));
}
