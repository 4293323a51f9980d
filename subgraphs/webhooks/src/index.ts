export { webhooksSubgraph } from './subgraph.js';
export { createServer } from './server.js';
export type { WebhooksServices } from './services.js';
