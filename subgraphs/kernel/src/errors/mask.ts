import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { currentRequestContext } from '../context/request-context.js';
import type { Logger } from '../logging/logger.js';
import { ErrorCode } from './coded-error.js';

/**
 * `formatError` for a subgraph: errors raised on purpose (GraphQLErrors with a code, such as
 * CodedError or GraphQL validation errors) pass; anything else is logged in full and replaced by
 * a generic INTERNAL_SERVER_ERROR, so no stack, SQL or internal address leaves the process.
 */
export function maskInternalErrors(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const code = formatted.extensions?.code;
    const deliberate = original instanceof GraphQLError && typeof code === 'string' && code !== ErrorCode.Internal;
    const requestId = currentRequestContext()?.requestId;
    if (deliberate) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions: { ...extensions, ...(requestId ? { requestId } : {}) } };
    }
    logger.error({ err: original, path: formatted.path }, 'internal error');
    return {
      message: 'Internal server error',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: ErrorCode.Internal, ...(requestId ? { requestId } : {}) },
    };
  };
}
