import { createSubgraphServer, type SubgraphServer, type SubgraphServerOptions } from '@cellgraph/kernel';
import type { TasksServices } from './services.js';
import { tasksSubgraph } from './subgraph.js';

/** Builds the tasks subgraph (no port: mount its router on a host). */
export function createServer(options: SubgraphServerOptions): Promise<SubgraphServer<TasksServices>> {
  return createSubgraphServer(tasksSubgraph, options);
}
