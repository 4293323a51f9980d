export { exportsSubgraph } from './subgraph.js';
export { createServer } from './server.js';
export type { ExportsServices } from './services.js';
