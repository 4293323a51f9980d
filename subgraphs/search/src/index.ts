export { searchSubgraph } from './subgraph.js';
export { createServer } from './server.js';
export type { SearchServices } from './services.js';
