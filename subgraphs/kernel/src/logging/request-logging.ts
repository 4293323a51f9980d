import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../context/request-context.js';
import type { Logger } from './logger.js';

/**
 * One structured line per GraphQL operation — name, duration, error count, caller kind — on the
 * gateway and on every subgraph; the logger's mixin adds the request id, which is the same on
 * every hop of one request.
 */
export function requestLogging<TContext extends { request: RequestContext }>(logger: Logger): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, response, errors }) {
          const body = response.body;
          const errorCount = errors?.length ?? (body.kind === 'single' ? (body.singleResult.errors?.length ?? 0) : 0);
          logger.info(
            {
              operationName: operationName ?? null,
              durationMs: Math.round((performance.now() - started) * 10) / 10,
              errors: errorCount,
              principal: contextValue.request.principal.kind,
            },
            'graphql operation',
          );
        },
      };
    },
  };
}
