import { createSubgraphServer, type SubgraphServer, type SubgraphServerOptions } from '@cellgraph/kernel';
import type { SearchServices } from './services.js';
import { searchSubgraph } from './subgraph.js';

/** Builds the search subgraph (no port: mount its router on a host). */
export function createServer(options: SubgraphServerOptions): Promise<SubgraphServer<SearchServices>> {
  return createSubgraphServer(searchSubgraph, options);
}
