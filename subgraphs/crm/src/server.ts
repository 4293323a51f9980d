import { createSubgraphServer, type SubgraphServer, type SubgraphServerOptions } from '@cellgraph/kernel';
import type { CrmServices } from './services.js';
import { crmSubgraph } from './subgraph.js';

/** Builds the CRM subgraph (no port: mount its router on a host). */
export function createServer(options: SubgraphServerOptions): Promise<SubgraphServer<CrmServices>> {
  return createSubgraphServer(crmSubgraph, options);
}
