export { filesSubgraph } from './subgraph.js';
export { createServer } from './server.js';
export type { FilesServices } from './services.js';
