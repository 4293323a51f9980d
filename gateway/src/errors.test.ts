import { createLogger } from '@cellgraph/kernel/core';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { maskGatewayErrors } from './errors.js';

const mask = maskGatewayErrors(createLogger('test', 'silent'));

describe('maskGatewayErrors', () => {
  it('answers SERVICE_UNAVAILABLE, retryable, when a subgraph or its proxy could not serve (transport failure, 502/503/504)', () => {
    for (const message of ['fetch failed', '502: Bad Gateway', '503: Service Unavailable', '504: Gateway Timeout']) {
      const formatted = mask({ message, extensions: { code: 'INTERNAL_SERVER_ERROR', response: { body: 'upstream failed' } } }, new GraphQLError(message));
      expect(formatted).toMatchObject({
        message: 'A service needed for this field is unavailable',
        extensions: { code: 'SERVICE_UNAVAILABLE', retryAfter: 5 },
      });
      expect(formatted.extensions).not.toHaveProperty('response');
    }
  });

  it('hides anything else behind INTERNAL_SERVER_ERROR, and keeps coded errors with their code', () => {
    expect(mask({ message: '500: Internal Server Error', extensions: {} }, new GraphQLError('x'))).toMatchObject({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(mask({ message: 'No such board', extensions: { code: 'FORBIDDEN' } }, new GraphQLError('x'))).toMatchObject({
      message: 'No such board',
      extensions: { code: 'FORBIDDEN' },
    });
  });
});
