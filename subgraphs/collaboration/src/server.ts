import { createSubgraphServer, type SubgraphServer, type SubgraphServerOptions } from '@cellgraph/kernel';
import type { CollaborationServices } from './services.js';
import { collaborationSubgraph } from './subgraph.js';

/** Builds the collaboration subgraph (no port: mount its router on a host). */
export function createServer(options: SubgraphServerOptions): Promise<SubgraphServer<CollaborationServices>> {
  return createSubgraphServer(collaborationSubgraph, options);
}
