import { currentRequestContext } from '@cellgraph/kernel/core';
import { GraphQLError, type FormattedExecutionResult } from 'graphql';
import { renderText, text } from '@cellgraph/kernel/core';
import { gatewayMessages } from './messages.js';

/** Bytes of a result once serialized, as it goes on the wire. */
export const serializedBytes = (result: unknown): number => Buffer.byteLength(JSON.stringify(result));

export function responseTooLarge(bytes: number, maxBytes: number): GraphQLError {
  return new GraphQLError(renderText(text(gatewayMessages.responseTooLarge, { bytes, max: maxBytes })), {
    extensions: { code: 'RESPONSE_TOO_LARGE' },
  });
}

/**
 * Apollo's `stringifyResult`, capping the size of a response (the object limit bounds how many
 * objects an operation asks for, not how large each is): serialized once; a response over
 * `maxBytes` is replaced by one coded error, `RESPONSE_TOO_LARGE`, keeping only its extensions
 * (its cost). Subscription payloads are held to the same limit (subscriptions/websocket.ts).
 */
export function sizeCappedStringify(maxBytes: number): (result: FormattedExecutionResult) => string {
  return (result) => {
    const body = JSON.stringify(result);
    const bytes = Buffer.byteLength(body);
    if (bytes <= maxBytes) return `${body}\n`;
    const { message, extensions } = responseTooLarge(bytes, maxBytes);
    const refusal = {
      errors: [{ message, extensions: { ...extensions, requestId: currentRequestContext()?.requestId } }],
      ...(result.extensions ? { extensions: result.extensions } : {}),
    };
    return `${JSON.stringify(refusal)}\n`;
  };
}
