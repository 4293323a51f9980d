export * from './authz.js';
export * from './database.js';
export * from './infrastructure.js';
export * from './subgraph-harness.js';
export * from './operations.js';
export * from './redis-server.js';
