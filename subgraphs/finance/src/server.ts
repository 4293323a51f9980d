import { createSubgraphServer, type SubgraphServer, type SubgraphServerOptions } from '@cellgraph/kernel';
import type { FinanceServices } from './services.js';
import { financeSubgraph } from './subgraph.js';

/** Builds the finance subgraph (no port: mount its router on a host). */
export function createServer(options: SubgraphServerOptions): Promise<SubgraphServer<FinanceServices>> {
  return createSubgraphServer(financeSubgraph, options);
}
