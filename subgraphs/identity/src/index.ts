export { identitySubgraph } from './subgraph.js';
export { createServer } from './server.js';
export type { IdentityServices } from './services.js';
