import type { ApolloServerPlugin } from '@apollo/server';
import {
  counter,
  DURATION_BUCKETS,
  failSpan,
  gauge,
  histogram,
  inSpan,
  operationLabel,
  SpanKind,
  startServerSpan,
  statusClass,
  trace,
  traceHeaders,
  type RequestContext,
} from '@cellgraph/kernel/core';
import type { RequestHandler } from 'express';
import type { GatewayContext } from './context.js';

const requests = counter({
  name: 'cellgraph_gateway_requests_total',
  help: 'HTTP requests to /graphql by operation and status class',
  labelNames: ['operation', 'status'],
});
const durations = histogram({
  name: 'cellgraph_gateway_request_duration_seconds',
  help: 'HTTP requests to /graphql, from arrival to the response sent, by operation',
  labelNames: ['operation'],
  buckets: DURATION_BUCKETS,
});
const graphqlErrors = counter({
  name: 'cellgraph_gateway_graphql_errors_total',
  help: 'Errors in GraphQL responses (as clients see them), by code',
  labelNames: ['code'],
});
const fetchDurations = histogram({
  name: 'cellgraph_gateway_subgraph_fetch_duration_seconds',
  help: 'Requests the gateway sent to subgraphs (query plan fetches and its own calls), by subgraph',
  labelNames: ['subgraph'],
  buckets: DURATION_BUCKETS,
});
const fetchErrors = counter({
  name: 'cellgraph_gateway_subgraph_fetch_errors_total',
  help: 'Subgraph requests that failed (unreachable, timed out, breaker open, 5xx), by subgraph',
  labelNames: ['subgraph'],
});

/** The operation each request ran, named by the Apollo plugin and read when the response is sent. */
const operations = new WeakMap<RequestContext, string>();

/**
 * The server span (the root of the request's trace) and the request metrics of /graphql: every
 * answer counts, refused ones (401, 429, 503) included. `requestOf` gives the request context the
 * authentication set, if it got that far.
 */
export function observeRequests(requestOf: (req: Parameters<RequestHandler>[0]) => RequestContext | undefined): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    startServerSpan(res, `${req.method} /graphql`).setAttribute('http.request.method', req.method);
    res.once('close', () => {
      const request = requestOf(req);
      const operation = operationLabel(request && operations.get(request));
      requests.inc({ operation, status: statusClass(res.statusCode) });
      durations.observe({ operation }, (performance.now() - started) / 1000);
    });
    next();
  };
}

/** Names the request's span and metrics after its operation, and counts the errors of its response by code. */
export function observeOperations(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, operationName, contextValue }) {
          if (operationName) operations.set(contextValue.request, operationName);
          const type = operation?.operation ?? 'operation';
          trace.getActiveSpan()?.updateName(`${type} ${operationName ?? ''}`.trim());
          trace.getActiveSpan()?.setAttributes({ 'graphql.operation.type': type, 'graphql.operation.name': operationName ?? '' });
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) graphqlErrors.inc({ code: String(error.extensions?.code ?? 'UNKNOWN') });
        },
      };
    },
  };
}

/**
 * One request to a subgraph in a client span — `send` gets the trace headers to add, so the
 * subgraph's span continues this trace — timed and counted per subgraph.
 */
export async function observeSubgraphFetch<R extends { status: number }>(
  subgraph: string,
  send: (traceHeaders: Record<string, string>) => Promise<R>,
): Promise<R> {
  const started = performance.now();
  return inSpan(`${subgraph} fetch`, { kind: SpanKind.CLIENT, attributes: { 'cellgraph.subgraph': subgraph } }, async (span) => {
    try {
      const response = await send(traceHeaders());
      span.setAttribute('http.response.status_code', response.status);
      if (response.status >= 500) {
        fetchErrors.inc({ subgraph });
        failSpan(span, `${subgraph} answered ${response.status}`);
      }
      return response;
    } catch (error) {
      fetchErrors.inc({ subgraph });
      throw error;
    } finally {
      fetchDurations.observe({ subgraph }, (performance.now() - started) / 1000);
    }
  });
}

type LiveStats = () => { connections: number; subscriptions: number };
const liveSources = new Set<LiveStats>();
const liveTotal = (key: 'connections' | 'subscriptions') => [...liveSources].reduce((sum, stats) => sum + stats()[key], 0);
gauge({
  name: 'cellgraph_gateway_websocket_connections',
  help: 'Open WebSocket (graphql-ws) connections',
  collect() {
    this.set(liveTotal('connections'));
  },
});
gauge({
  name: 'cellgraph_gateway_subscriptions',
  help: 'Active subscriptions',
  collect() {
    this.set(liveTotal('subscriptions'));
  },
});

/** Reports a gateway's WebSocket connections and subscriptions when scraped, until the returned function is called. */
export function observeLiveStats(stats: LiveStats): () => void {
  liveSources.add(stats);
  return () => liveSources.delete(stats);
}
