import { createSubgraphServer, type SubgraphServer, type SubgraphServerOptions } from '@cellgraph/kernel';
import type { WebhooksServices } from './services.js';
import { webhooksSubgraph } from './subgraph.js';

/** Builds the webhooks subgraph (no port: mount its router on a host). */
export function createServer(options: SubgraphServerOptions): Promise<SubgraphServer<WebhooksServices>> {
  return createSubgraphServer(webhooksSubgraph, options);
}
