import { createSubgraphServer, type SubgraphServer, type SubgraphServerOptions } from '@cellgraph/kernel';
import type { DocumentsServices } from './services.js';
import { documentsSubgraph } from './subgraph.js';

/** Builds the documents subgraph (no port: mount its router on a host). */
export function createServer(options: SubgraphServerOptions): Promise<SubgraphServer<DocumentsServices>> {
  return createSubgraphServer(documentsSubgraph, options);
}
