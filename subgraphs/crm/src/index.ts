export { crmSubgraph } from './subgraph.js';
export { createServer } from './server.js';
export type { CrmServices } from './services.js';
