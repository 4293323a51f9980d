import { ApolloServerPluginInlineTrace } from '@apollo/server/plugin/inlineTrace';
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../context/request-context.js';

/** The header Apollo's inline-trace plugin reads (`ftv1` asks for a trace in `extensions.ftv1`). */
export const INCLUDE_TRACE_HEADER = 'apollo-federation-include-trace';

/**
 * Inline federated traces (`extensions.ftv1`, resolver timings) for the gateway only: produced when
 * the signed internal context asks for them (`trace: 'ftv1'`), never because of a header, which
 * anyone who reaches the subgraph could send. Install it beside `ApolloServerPluginInlineTraceDisabled()`,
 * which keeps Apollo Server from adding its own header-driven one.
 */
export function signedInlineTrace(): ApolloServerPlugin<{ request: RequestContext }> {
  const inner = ApolloServerPluginInlineTrace() as ApolloServerPlugin<{ request: RequestContext }>;
  return {
    async requestDidStart(requestContext) {
      const headers = requestContext.request.http?.headers;
      if (!headers) return;
      if (requestContext.contextValue.request?.trace === 'ftv1') headers.set(INCLUDE_TRACE_HEADER, 'ftv1');
      else headers.delete(INCLUDE_TRACE_HEADER);
      return inner.requestDidStart?.(requestContext);
    },
  };
}
