import type { PublishedEvent, RequestContext } from '@cellgraph/kernel/core';

/** The GraphQL context value of a gateway request. */
export interface GatewayContext {
  request: RequestContext;
  /** For a subscription's per-event run: the event its subgraph is asked about. */
  liveEvent?: PublishedEvent;
  /** With TRACE_SUBGRAPHS_IN_RESPONSE: the subgraphs' inline traces (base64 ftv1), for the response. */
  subgraphTraces?: { subgraph: string; ftv1: string }[];
}
