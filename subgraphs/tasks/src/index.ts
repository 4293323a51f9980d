export { tasksSubgraph } from './subgraph.js';
export { createServer } from './server.js';
export type { TasksServices } from './services.js';
