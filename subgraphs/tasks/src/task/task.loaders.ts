import { argumentsKey, type Connection, type LoaderRegistry, type RequestContext, type SubgraphContext } from '@cellgraph/kernel';
import type { TasksServices } from '../services.js';
import type { Task } from './task.entity.js';
import type { TasksArgs } from './task.inputs.js';
import { byPosition } from './task.service.js';

/*
 * Per-request DataLoaders of the Task aggregate: N parents cost one query per relation.
 */

/**
 * Tasks by id for the caller: null when the task does not exist in the organization (or was
 * deleted), a FORBIDDEN error when it exists but the caller may not read it.
 */
export const taskById = ({ tasks }: TasksServices, loaders: LoaderRegistry, request: RequestContext) => tasks.access.loader(loaders, request);

/** Loads a task for a field; an unreadable one raises its FORBIDDEN error at that field. */
export const loadTask = (context: SubgraphContext<TasksServices>, id: string | null) =>
  context.services.tasks.access.loadReadable(context.loaders, context.request, id);

/** One page of tasks per group key (assignee, parent, column, board), for one set of arguments. */
function groupedTasks(
  services: TasksServices,
  loaders: LoaderRegistry,
  request: RequestContext,
  name: string,
  groupPath: string,
  args: TasksArgs,
  ordered = false,
) {
  return loaders.get<string, Connection<Task>>(`tasks.${name}:${argumentsKey(args)}`, (keys) =>
    services.tasks.listGrouped(request, groupPath, keys, args, ordered ? byPosition : undefined),
  );
}

export const assignedTasks = (s: TasksServices, l: LoaderRegistry, r: RequestContext, args: TasksArgs) =>
  groupedTasks(s, l, r, 'assignedTasks', 'task.assigneeId', args);
export const subtasks = (s: TasksServices, l: LoaderRegistry, r: RequestContext, args: TasksArgs) => groupedTasks(s, l, r, 'subtasks', 'task.parentId', args);
export const columnTasks = (s: TasksServices, l: LoaderRegistry, r: RequestContext, args: TasksArgs) =>
  groupedTasks(s, l, r, 'columnTasks', 'task.columnId', args, true);
export const boardTasks = (s: TasksServices, l: LoaderRegistry, r: RequestContext, args: TasksArgs) =>
  groupedTasks(s, l, r, 'boardTasks', 'task.boardId', args);

/** `Board.scheduledTasks`: one page per board, for one set of arguments and dates. */
export const scheduledTasks = (
  { tasks }: TasksServices,
  loaders: LoaderRegistry,
  request: RequestContext,
  args: TasksArgs,
  from: Date | null,
  to: Date | null,
) =>
  loaders.get<string, Connection<Task>>(`tasks.scheduledTasks:${argumentsKey({ args, from, to })}`, (boardIds) =>
    tasks.listScheduled(request, boardIds, args, from, to),
  );
