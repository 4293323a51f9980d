export { financeSubgraph } from './subgraph.js';
export { createServer } from './server.js';
export type { FinanceServices } from './services.js';
