export { documentsSubgraph } from './subgraph.js';
export { createServer } from './server.js';
export type { DocumentsServices } from './services.js';
