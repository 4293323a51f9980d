import { groupToKeys, type LoaderRegistry, type RequestContext } from '@cellgraph/kernel';
import type { TasksServices } from '../services.js';

/** The checklists of tasks, by task id (one query for N tasks). */
export const checklistsOf = ({ checklists }: TasksServices, loaders: LoaderRegistry, request: RequestContext) =>
  loaders.get('tasks.checklists', async (taskIds: readonly string[]) => groupToKeys(taskIds, await checklists.checklistsOf(request, taskIds), (c) => c.taskId));

/** The items of checklists, in order, by checklist id. */
export const checklistItemsOf = ({ checklists }: TasksServices, loaders: LoaderRegistry, request: RequestContext) =>
  loaders.get('tasks.checklistItems', async (ids: readonly string[]) => groupToKeys(ids, await checklists.itemsOf(request, ids), (i) => i.checklistId));
