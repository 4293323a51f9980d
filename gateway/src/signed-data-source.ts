import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import {
  DELEGATION_HEADER,
  INTERNAL_CONTEXT_HEADER,
  LIVE_EVENT_EXTENSION,
  REQUEST_ID_HEADER,
  type InternalContextSigner,
  type RequestContext,
} from '@cellgraph/kernel/core';
import type { CircuitBreaker } from './circuit-breaker.js';
import type { GatewayContext } from './context.js';
import { dedupeEntities } from './entity-dedup.js';
import { keepEntityTypenames } from './entity-typenames.js';
import { observeSubgraphFetch } from './observability.js';

// Carries the request context from willSendRequest to the fetcher inside this process only: the
// fetcher replaces it with the signed token before anything is sent.
const PENDING_CONTEXT_HEADER = 'x-cellgraph-pending-context';

type FetchInit = { method?: string; headers?: Record<string, string>; body?: string };

/**
 * A subgraph data source that signs, for every request, the caller's context together with the
 * exact body sent (see the kernel's internal-context), and gives up after a timeout. Calls go
 * through the subgraph's circuit breaker: while it is open they fail at once. Each call is a span
 * of the request's trace, whose context (`traceparent`) the subgraph continues.
 */
export function signedDataSource(options: {
  name: string;
  url: string;
  signer: InternalContextSigner;
  timeoutMs: number;
  breaker: CircuitBreaker;
  /** Also hand the subgraph a delegation, to ask the graph as the same caller (see the kernel's GraphClient). */
  delegate?: boolean;
}): RemoteGraphQLDataSource<GatewayContext> {
  const { name, url, signer, timeoutMs, breaker, delegate = false } = options;
  const fetcher = async (target: string, init: FetchInit = {}) => {
    const headers = { ...init.headers };
    const pending = headers[PENDING_CONTEXT_HEADER];
    delete headers[PENDING_CONTEXT_HEADER];
    if (!pending) throw new Error('subgraph request without a request context');
    const context = JSON.parse(pending) as RequestContext;
    headers[INTERNAL_CONTEXT_HEADER] = signer.sign(context, name, init.body ?? '');
    if (delegate && context.principal.kind !== 'anonymous') headers[DELEGATION_HEADER] = signer.delegate(context);
    headers[REQUEST_ID_HEADER] = context.requestId;
    return observeSubgraphFetch(name, (trace) => breaker.fetch(target, { ...init, headers: { ...headers, ...trace }, timeoutMs }));
  };

  const source = new SigningDataSource({ url, fetcher: fetcher as unknown as RemoteGraphQLDataSource['fetcher'] });
  source.subgraph = name;
  return source;
}

class SigningDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  subgraph = '';

  // Each distinct entity representation is sent once (see entity-dedup.ts); the body signed is the
  // one sent. The entities keep the concrete types the gateway knew (see entity-typenames.ts).
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const deduped = dedupeEntities(options.request);
    const response = deduped ? deduped.fanOut(await super.process({ ...options, request: deduped.request })) : await super.process(options);
    return keepEntityTypenames(options.request, response);
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const requestContext: RequestContext = context.request ?? { requestId: 'gateway', principal: { kind: 'anonymous' } };
    request.http?.headers.set(PENDING_CONTEXT_HEADER, JSON.stringify(requestContext));
    // A subscription's field is asked about one live event at a time (signed with the body).
    if (context.liveEvent && request.query?.startsWith('subscription')) {
      request.extensions = { ...request.extensions, [LIVE_EVENT_EXTENSION]: context.liveEvent };
    }
  }

  // A subgraph's inline trace (asked for with TRACE_SUBGRAPHS) reaches the client only when collected here.
  override didReceiveResponse({ response, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0]) {
    const ftv1 = response.extensions?.ftv1;
    if (context.subgraphTraces && typeof ftv1 === 'string') context.subgraphTraces.push({ subgraph: this.subgraph, ftv1 });
    return response;
  }
}
