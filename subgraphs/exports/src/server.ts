import { createSubgraphServer, type SubgraphServer, type SubgraphServerOptions } from '@cellgraph/kernel';
import type { ExportsServices } from './services.js';
import { exportsSubgraph } from './subgraph.js';

/** Builds the exports subgraph (no port: mount its router on a host). */
export function createServer(options: SubgraphServerOptions): Promise<SubgraphServer<ExportsServices>> {
  return createSubgraphServer(exportsSubgraph, options);
}
