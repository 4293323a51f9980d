import type { LoaderRegistry, RequestContext } from '@cellgraph/kernel';
import type { TasksServices } from '../services.js';
import type { Board, BoardColumn } from './board.entities.js';

export const boardById = ({ boards }: TasksServices, loaders: LoaderRegistry, request: RequestContext) =>
  loaders.get<string, Board | null>('tasks.boardById', (ids) => boards.readableByIds(request, ids));

export const columnById = ({ boards }: TasksServices, loaders: LoaderRegistry, request: RequestContext) =>
  loaders.get<string, BoardColumn | null>('tasks.columnById', (ids) => boards.columnsByIds(request, ids));
