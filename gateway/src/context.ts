import type { PublishedEvent, RequestContext } from '@cellgraph/kernel/core';

/** The GraphQL context value of a gateway request. */
export interface GatewayContext {
  request: RequestContext;
  /** For a subscription's per-event run: the event its subgraph is asked about. */
  liveEvent?: PublishedEvent;
}
