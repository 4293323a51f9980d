import type { ModuleDefinition } from '../../app/registry';

export const tasksModule: ModuleDefinition = { subgraph: 'tasks' };
