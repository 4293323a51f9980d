import { groupToKeys, type LoaderRegistry, type RequestContext, type SubgraphContext } from '@cellgraph/kernel';
import type { TasksServices } from '../services.js';
import type { Board, BoardColumn } from './board.entities.js';

/**
 * Boards by id for the caller: null when the board does not exist in the organization or the
 * caller may not read it (boards answer null, not FORBIDDEN — see BoardService.readableByIds).
 */
export const boardById = ({ boards }: TasksServices, loaders: LoaderRegistry, request: RequestContext) =>
  loaders.get<string, Board | null>('tasks.boardById', (ids) => boards.readableByIds(request, ids));

/** Loads a board for a field or query: null when absent or unreadable. */
export const loadBoard = (context: SubgraphContext<TasksServices>, id: string | null): Promise<Board | null> =>
  id ? boardById(context.services, context.loaders, context.request).load(id) : Promise.resolve(null);

export const columnById = ({ boards }: TasksServices, loaders: LoaderRegistry, request: RequestContext) =>
  loaders.get<string, BoardColumn | null>('tasks.columnById', (ids) => boards.columnsByIds(request, ids));

/** The columns of boards, left to right, by board id. */
export const columnsOf = ({ boards }: TasksServices, loaders: LoaderRegistry, request: RequestContext) =>
  loaders.get('tasks.columns', async (boardIds: readonly string[]) => groupToKeys(boardIds, await boards.columnsOf(request, boardIds), (c) => c.boardId));
