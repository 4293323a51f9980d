import type { ApolloServerPlugin } from '@apollo/server';
import { currentRequestContext } from '@cellgraph/kernel';
import type { GatewayContext } from './context.js';

/**
 * Caps the serialized size of a response (the object limit bounds how many objects an operation
 * asks for, not how large each is). A response over `maxBytes` is replaced by one coded error,
 * `RESPONSE_TOO_LARGE`, keeping only the response's extensions (its cost).
 */
export function responseSizeLimit(maxBytes: number): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { singleResult } = response.body;
          const bytes = Buffer.byteLength(JSON.stringify(singleResult));
          if (bytes <= maxBytes) return;
          const message = `The response would be ${bytes} bytes; the limit is ${maxBytes}. Ask for fewer objects or fields.`;
          response.body.singleResult = {
            errors: [{ message, extensions: { code: 'RESPONSE_TOO_LARGE', requestId: currentRequestContext()?.requestId } }],
            ...(singleResult.extensions ? { extensions: singleResult.extensions } : {}),
          };
        },
      };
    },
  };
}
