import { groupToKeys, type LoaderRegistry, type RequestContext } from '@cellgraph/kernel';
import type { TasksServices } from '../services.js';

/** The automations of boards, by board id. */
export const automationsOf = ({ automations }: TasksServices, loaders: LoaderRegistry, request: RequestContext) =>
  loaders.get('tasks.automations', async (boardIds: readonly string[]) => groupToKeys(boardIds, await automations.of(request, boardIds), (a) => a.boardId));
