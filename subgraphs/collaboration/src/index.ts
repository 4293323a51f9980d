export { collaborationSubgraph } from './subgraph.js';
export { createServer } from './server.js';
export type { CollaborationServices } from './services.js';
