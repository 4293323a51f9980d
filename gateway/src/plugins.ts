import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { malformedScalarInputs } from '@cellgraph/kernel/core';
import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';
import type { GatewayContext } from './context.js';
import { bearerChallenge } from './http-headers.js';
import { renderText, text } from '@cellgraph/kernel/core';
import { gatewayMessages } from './messages.js';

function usesIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    [Kind.FIELD](node) {
      if (node.name.value === '__schema' || node.name.value === '__type') found = true;
    },
  });
  return found;
}

/**
 * Introspection (`__schema`, `__type`) for authenticated callers only, except in development.
 * `__typename` is always allowed.
 */
export function introspectionGuard(allowAnonymous: boolean): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (allowAnonymous || contextValue.request.principal.kind !== 'anonymous') return;
          if (usesIntrospection(document)) {
            throw new GraphQLError(renderText(gatewayMessages.introspectionRequiresAuthentication), {
              // No credentials were sent (an anonymous caller): the challenge names no error.
              extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: new HeaderMap([['www-authenticate', bearerChallenge(false)]]) } },
            });
          }
        },
      };
    },
  };
}

/**
 * Operations the HTTP endpoint does not run, refused with a 400: an operation the document lacks,
 * and subscriptions (served over WebSocket on the same path).
 */
export function subscriptionsOverWebSocket(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          // A document without the named operation (or with several and no name) is the client's error.
          if (!operation) {
            const message = request.operationName
              ? renderText(text(gatewayMessages.unknownOperation, { name: request.operationName }))
              : renderText(gatewayMessages.operationNameRequired);
            throw new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } });
          }
          if (operation.operation !== 'subscription') return;
          throw new GraphQLError(renderText(gatewayMessages.subscriptionsOverWebSocket), {
            extensions: { code: 'SUBSCRIPTION_REQUIRES_WEBSOCKET', http: { status: 400 } },
          });
        },
      };
    },
  };
}

/**
 * Custom scalars (Decimal, DateTimeISO, JSON…) parsed with the kernel's definitions before any
 * subgraph is asked: a malformed value is 400 BAD_USER_INPUT naming its argument, not a subgraph
 * failure masked as INTERNAL_SERVER_ERROR.
 */
export function scalarInputs(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const [first] = malformedScalarInputs(schema, document, operation, request.variables ?? {});
          if (first) throw first;
        },
      };
    },
  };
}

/**
 * The HTTP status of an answer whose errors say the caller should come back later, with Retry-After
 * from the errors' `retryAfter` (seconds):
 * - 429 when any error is RATE_LIMITED (the caller's own budget);
 * - 503 when nothing could be served because a dependency is down (every root field null, every error
 *   SERVICE_UNAVAILABLE — a subgraph unreachable, a subgraph's database out), so HTTP clients and
 *   proxies can tell an outage from a bug and retry. A partial answer stays 200 (its errors carry `retryAfter`).
 */
export function retryStatus(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (!errors?.length) return;
          const limited = errors.filter((error) => error.extensions?.code === 'RATE_LIMITED');
          const unavailable =
            errors.every((error) => error.extensions?.code === 'SERVICE_UNAVAILABLE') && !(data && Object.values(data).some((value) => value !== null));
          if (!limited.length && !unavailable) return;
          response.http.status = limited.length ? 429 : 503;
          const retryAfter = Math.max(0, ...(limited.length ? limited : errors).map((error) => Number(error.extensions?.retryAfter)).filter(Number.isFinite));
          if (retryAfter > 0) response.http.headers.set('retry-after', String(Math.ceil(retryAfter)));
        },
      };
    },
  };
}

/** With TRACE_SUBGRAPHS_IN_RESPONSE, the subgraphs' inline traces the request collected, in `extensions.subgraphTraces`. */
export function subgraphTracesInResponse(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const traces = contextValue.subgraphTraces;
          if (!traces?.length || response.body.kind !== 'single') return;
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, subgraphTraces: traces };
        },
      };
    },
  };
}
