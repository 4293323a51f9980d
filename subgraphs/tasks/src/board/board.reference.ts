import { referenceThroughLoader } from '@cellgraph/kernel';
import type { TasksServices } from '../services.js';
import { boardById } from './board.loaders.js';

export const resolveBoardReference = referenceThroughLoader<TasksServices, unknown>('Board', (context) =>
  boardById(context.services, context.loaders, context.request),
);
