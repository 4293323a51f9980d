import { createSubgraphServer, type SubgraphServer, type SubgraphServerOptions } from '@cellgraph/kernel';
import type { NotificationsServices } from './services.js';
import { notificationsSubgraph } from './subgraph.js';

/** Builds the notifications subgraph (no port: mount its router on a host). */
export function createServer(options: SubgraphServerOptions): Promise<SubgraphServer<NotificationsServices>> {
  return createSubgraphServer(notificationsSubgraph, options);
}
