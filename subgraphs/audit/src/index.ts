export { auditSubgraph } from './subgraph.js';
export { createServer } from './server.js';
export type { AuditServices } from './services.js';
