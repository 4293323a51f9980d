import { createSubgraphServer, type SubgraphServer, type SubgraphServerOptions } from '@cellgraph/kernel';
import type { FilesServices } from './services.js';
import { filesSubgraph } from './subgraph.js';

/** Builds the files subgraph (no port: mount its router on a host). */
export function createServer(options: SubgraphServerOptions): Promise<SubgraphServer<FilesServices>> {
  return createSubgraphServer(filesSubgraph, options);
}
