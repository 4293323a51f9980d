import { groupToKeys, type LoaderRegistry, type RequestContext } from '@cellgraph/kernel';
import type { TasksServices } from '../services.js';

/** Dependencies by task id, where the task is the dependent (`taskId`) or the predecessor (`dependsOnId`). */
export const dependenciesOf = ({ dependencies }: TasksServices, loaders: LoaderRegistry, request: RequestContext, side: 'taskId' | 'dependsOnId') =>
  loaders.get(`tasks.dependencies.${side}`, async (taskIds: readonly string[]) =>
    groupToKeys(taskIds, await dependencies.of(request, taskIds, side), (d) => d[side]),
  );
