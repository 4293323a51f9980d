import { groupToKeys, type LoaderRegistry, type RequestContext } from '@cellgraph/kernel';
import type { TasksServices } from '../services.js';

/** The user ids watching tasks, by task id. */
export const watchersOf = ({ watchers }: TasksServices, loaders: LoaderRegistry, request: RequestContext) =>
  loaders.get<string, string[]>('tasks.watchers', async (taskIds) =>
    groupToKeys(taskIds, await watchers.of(request, taskIds), (w) => w.taskId).map((rows) => rows.map((w) => w.userId)),
  );
