import { argumentsKey, groupToKeys, readableById, type Connection, type LoaderRegistry, type RequestContext } from '@cellgraph/kernel';
import type { TasksServices } from '../services.js';
import type { Task } from './task.entity.js';
import type { TasksArgs } from './task.inputs.js';
import { byPosition } from './task.service.js';

/*
 * Per-request DataLoaders of the tasks subgraph: N parents cost one query per relation.
 */

/**
 * Tasks by id for the caller: null when the task does not exist in the organization (or was
 * deleted), a FORBIDDEN error when it exists but the caller may not read it.
 */
export const taskById = ({ tasks }: TasksServices, loaders: LoaderRegistry, request: RequestContext) =>
  readableById(loaders, 'tasks.taskById', (ids) => tasks.byIds(request, ids), (found) => tasks.readableOf(request, found), 'task');

/** One page of tasks per group key (assignee, parent, column), for one set of arguments. */
function groupedTasks(services: TasksServices, loaders: LoaderRegistry, request: RequestContext, name: string, groupPath: string, args: TasksArgs, ordered = false) {
  return loaders.get<string, Connection<Task>>(`tasks.${name}:${argumentsKey(args)}`, (keys) =>
    services.tasks.listGrouped(request, groupPath, keys, args, ordered ? byPosition : undefined),
  );
}

export const assignedTasks = (s: TasksServices, l: LoaderRegistry, r: RequestContext, args: TasksArgs) => groupedTasks(s, l, r, 'assignedTasks', 'task.assigneeId', args);
export const subtasks = (s: TasksServices, l: LoaderRegistry, r: RequestContext, args: TasksArgs) => groupedTasks(s, l, r, 'subtasks', 'task.parentId', args);
export const columnTasks = (s: TasksServices, l: LoaderRegistry, r: RequestContext, args: TasksArgs) => groupedTasks(s, l, r, 'columnTasks', 'task.columnId', args, true);

export const watchersOf = ({ watchers }: TasksServices, loaders: LoaderRegistry, request: RequestContext) =>
  loaders.get<string, string[]>('tasks.watchers', async (taskIds) => groupToKeys(taskIds, await watchers.of(request, taskIds), (w) => w.taskId).map((rows) => rows.map((w) => w.userId)));

export const checklistsOf = ({ checklists }: TasksServices, loaders: LoaderRegistry, request: RequestContext) =>
  loaders.get('tasks.checklists', async (taskIds: readonly string[]) => groupToKeys(taskIds, await checklists.checklistsOf(request, taskIds), (c) => c.taskId));

export const checklistItemsOf = ({ checklists }: TasksServices, loaders: LoaderRegistry, request: RequestContext) =>
  loaders.get('tasks.checklistItems', async (ids: readonly string[]) => groupToKeys(ids, await checklists.itemsOf(request, ids), (i) => i.checklistId));

export const dependenciesOf = ({ dependencies }: TasksServices, loaders: LoaderRegistry, request: RequestContext, side: 'taskId' | 'dependsOnId') =>
  loaders.get(`tasks.dependencies.${side}`, async (taskIds: readonly string[]) => groupToKeys(taskIds, await dependencies.of(request, taskIds, side), (d) => d[side]));

export const timeEntriesOf = ({ time }: TasksServices, loaders: LoaderRegistry, request: RequestContext) =>
  loaders.get('tasks.timeEntries', async (taskIds: readonly string[]) => groupToKeys(taskIds, await time.entriesOf(request, taskIds), (e) => e.taskId));

export const columnsOf = ({ boards }: TasksServices, loaders: LoaderRegistry, request: RequestContext) =>
  loaders.get('tasks.columns', async (boardIds: readonly string[]) => groupToKeys(boardIds, await boards.columnsOf(request, boardIds), (c) => c.boardId));

export const automationsOf = ({ automations }: TasksServices, loaders: LoaderRegistry, request: RequestContext) =>
  loaders.get('tasks.automations', async (boardIds: readonly string[]) => groupToKeys(boardIds, await automations.of(request, boardIds), (a) => a.boardId));

