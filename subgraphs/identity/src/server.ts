import { createSubgraphServer, type SubgraphServer, type SubgraphServerOptions } from '@cellgraph/kernel';
import type { IdentityServices } from './services.js';
import { identitySubgraph } from './subgraph.js';

/** Builds the identity subgraph (no port: mount its router on a host). */
export function createServer(options: SubgraphServerOptions): Promise<SubgraphServer<IdentityServices>> {
  return createSubgraphServer(identitySubgraph, options);
}
