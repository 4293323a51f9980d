import { createSubgraphServer, type SubgraphServer, type SubgraphServerOptions } from '@cellgraph/kernel';
import type { AuditServices } from './services.js';
import { auditSubgraph } from './subgraph.js';

/** Builds the audit subgraph (no port: mount its router on a host). */
export function createServer(options: SubgraphServerOptions): Promise<SubgraphServer<AuditServices>> {
  return createSubgraphServer(auditSubgraph, options);
}
