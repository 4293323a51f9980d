import { currentRequestContext, type Logger } from '@cellgraph/kernel/core';
import type { GraphQLFormattedError } from 'graphql';

// Extensions a client may see; everything else (stack traces, serviceName, upstream responses,
// internal URLs) stays in the logs.
const PUBLIC_EXTENSIONS = new Set(['code', 'argument', 'field', 'retryAfter', 'requiredScope', 'acceptedScopes', 'dropped', 'module', 'flag']);
const MASKED_CODES = new Set(['INTERNAL_SERVER_ERROR', 'DOWNSTREAM_SERVICE_ERROR']);
// Seconds a client is asked to wait before retrying a field whose subgraph could not be reached.
/** Seconds a client is told to wait before retrying what an outage refused. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;
// graphql-js ends validation and coercion messages with suggestions of the schema's names.
const SCHEMA_HINT = /\s*Did you mean [^]*\?$/;

/** A message without graphql-js's `Did you mean …?` hints, which would reveal the schema to callers who may not introspect it. */
export const withoutSchemaHints = (message: string) => message.replace(SCHEMA_HINT, '');

/**
 * `formatError` of the public endpoint: deliberate errors (with a code) keep their message and
 * code; anything else — a crash, an unreachable or timed-out subgraph — becomes a generic error
 * that only carries the request id to quote to support. Used for HTTP and WebSocket alike, so both
 * hide schema hints the same way.
 */
export function maskGatewayErrors(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const requestId = currentRequestContext()?.requestId;
    const code = formatted.extensions?.code;
    const extensions = Object.fromEntries(Object.entries(formatted.extensions ?? {}).filter(([key]) => PUBLIC_EXTENSIONS.has(key)));
    if (typeof code === 'string' && !MASKED_CODES.has(code)) {
      return { message: withoutSchemaHints(formatted.message), locations: formatted.locations, path: formatted.path, extensions: { ...extensions, requestId } };
    }
    const unavailable = isSubgraphFailure(formatted, error);
    logger.error({ err: error, message: formatted.message, path: formatted.path, code }, 'masked error');
    return {
      message: unavailable ? 'A service needed for this field is unavailable' : 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: unavailable
        ? { code: 'SERVICE_UNAVAILABLE', retryAfter: OUTAGE_RETRY_AFTER_SECONDS, requestId }
        : { code: 'INTERNAL_SERVER_ERROR', requestId },
    };
  };
}

function isSubgraphFailure(formatted: GraphQLFormattedError, error: unknown): boolean {
  if (formatted.extensions?.code === 'DOWNSTREAM_SERVICE_ERROR') return true;
  const text = `${formatted.message} ${(error as { originalError?: Error })?.originalError?.name ?? ''}`;
  // A subgraph's load balancer or proxy that lost its backend answers 502/503/504 without a
  // GraphQL body: the gateway's data source reports it as "502: Bad Gateway".
  if (/^50[234]: /.test(formatted.message)) return true;
  return /fetch failed|ECONNREFUSED|ECONNRESET|aborted due to timeout|TimeoutError|socket hang up/i.test(text);
}
