export { importsSubgraph } from './subgraph.js';
export { createServer } from './server.js';
export type { ImportsServices } from './services.js';
