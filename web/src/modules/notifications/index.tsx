import type { ModuleDefinition } from '../../app/registry';

export const notificationsModule: ModuleDefinition = { subgraph: 'notifications' };
