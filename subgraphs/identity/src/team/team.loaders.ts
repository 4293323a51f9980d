import type { LoaderRegistry } from '@cellgraph/kernel';
import type { Team } from './team.entities.js';
import type { TeamService } from './team.service.js';

export function teamById(teams: TeamService, loaders: LoaderRegistry) {
  return loaders.get<string, Team | null>('identity.teamById', (ids) => teams.byIds(ids));
}
