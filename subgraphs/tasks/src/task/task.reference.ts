import { referenceThroughLoader } from '@cellgraph/kernel';
import type { TasksServices } from '../services.js';
import { taskById } from './task.loaders.js';

export const resolveTaskReference = referenceThroughLoader<TasksServices, unknown>('Task', (context) =>
  taskById(context.services, context.loaders, context.request),
);
