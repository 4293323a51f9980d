import { groupToKeys, type LoaderRegistry, type RequestContext } from '@cellgraph/kernel';
import type { TasksServices } from '../services.js';

/** The time entries of tasks, by task id. */
export const timeEntriesOf = ({ time }: TasksServices, loaders: LoaderRegistry, request: RequestContext) =>
  loaders.get('tasks.timeEntries', async (taskIds: readonly string[]) => groupToKeys(taskIds, await time.entriesOf(request, taskIds), (e) => e.taskId));
