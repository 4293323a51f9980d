import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { currentRequestContext } from '../context/request-context.js';
import type { Logger } from '../logging/logger.js';
import { isDatabaseUnavailable } from '../db/errors.js';
import { ErrorCode, serviceUnavailable } from './coded-error.js';
import { UserInputError } from './user-errors.js';
import { kernelMessages } from './messages.js';

/** Seconds a client is asked to wait before retrying after a database outage. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * `formatError` for a subgraph: errors raised on purpose (GraphQLErrors with a code, such as
 * CodedError or GraphQL validation errors) pass; an expected failure (UserInputError) raised outside
 * a mutation payload — a query's input, a lookup — keeps its code and `field`; the database being unreachable or out of
 * connections (see `isDatabaseUnavailable`) is SERVICE_UNAVAILABLE with `retryAfter`; anything
 * else is logged in full and replaced by a generic INTERNAL_SERVER_ERROR, so no stack, SQL or
 * internal address leaves the process.
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
    if (original instanceof UserInputError) {
      const [first] = original.errors;
      const field = first?.field ? { field: first.field.map(String) } : {};
      return {
        message: original.errors.map((e) => e.message).join('; '),
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: first?.code ?? ErrorCode.BadUserInput, ...field, ...(requestId ? { requestId } : {}) },
      };
    }
    if (isDatabaseUnavailable(original)) {
      logger.warn({ err: original, path: formatted.path }, 'database unavailable');
      const unavailable = serviceUnavailable(kernelMessages.databaseUnavailable, DATABASE_RETRY_AFTER_SECONDS);
      return {
        message: unavailable.message,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { ...unavailable.extensions, ...(requestId ? { requestId } : {}) },
      };
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
