import { createSubgraphServer, type SubgraphServer, type SubgraphServerOptions } from '@cellgraph/kernel';
import type { ImportsServices } from './services.js';
import { importsSubgraph } from './subgraph.js';

/** Builds the imports subgraph (no port: mount its router on a host). */
export function createServer(options: SubgraphServerOptions): Promise<SubgraphServer<ImportsServices>> {
  return createSubgraphServer(importsSubgraph, options);
}
