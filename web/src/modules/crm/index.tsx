import type { ModuleDefinition } from '../../app/registry';

export const crmModule: ModuleDefinition = { subgraph: 'crm' };
