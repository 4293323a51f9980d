import type { ApolloServerPlugin } from '@apollo/server';
import { currentRequestContext } from '@cellgraph/kernel';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from './context.js';

/** Bytes of a result once serialized, as it goes on the wire. */
export const serializedBytes = (result: unknown): number => Buffer.byteLength(JSON.stringify(result));

export function responseTooLarge(bytes: number, maxBytes: number): GraphQLError {
  return new GraphQLError(`The response would be ${bytes} bytes; the limit is ${maxBytes}. Ask for fewer objects or fields.`, { extensions: { code: 'RESPONSE_TOO_LARGE' } });
}

/**
 * Caps the serialized size of a response (the object limit bounds how many objects an operation
 * asks for, not how large each is). A response over `maxBytes` is replaced by one coded error,
 * `RESPONSE_TOO_LARGE`, keeping only the response's extensions (its cost). Subscription payloads
 * are held to the same limit (subscriptions/websocket.ts).
 */
export function responseSizeLimit(maxBytes: number): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { singleResult } = response.body;
          const bytes = serializedBytes(singleResult);
          if (bytes <= maxBytes) return;
          const { message, extensions } = responseTooLarge(bytes, maxBytes);
          response.body.singleResult = {
            errors: [{ message, extensions: { ...extensions, requestId: currentRequestContext()?.requestId } }],
            ...(singleResult.extensions ? { extensions: singleResult.extensions } : {}),
          };
        },
      };
    },
  };
}
