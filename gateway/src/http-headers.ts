import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import type { GatewayContext } from './context.js';

export const AUTH_REALM = 'cellgraph';

/**
 * The `WWW-Authenticate` challenge of a 401 (RFC 6750): `Bearer realm="cellgraph"`, with
 * `error="invalid_token"` when the request sent credentials that were refused.
 */
export function bearerChallenge(invalidToken: boolean): string {
  return invalidToken ? `Bearer realm="${AUTH_REALM}", error="invalid_token"` : `Bearer realm="${AUTH_REALM}"`;
}

/**
 * Headers of every GraphQL response: never sniffed as another content type, never stored by a
 * browser or proxy (responses carry one caller's data).
 */
export const graphqlResponseHeaders: RequestHandler = (_req, res, next) => {
  res.set({ 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' });
  next();
};

/** Adds the challenge to every 401 an operation ends with (e.g. introspection without credentials). */
export function authenticationChallenge(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, request }) {
          if (response.http.status !== 401 || response.http.headers.has('www-authenticate')) return;
          response.http.headers.set('www-authenticate', bearerChallenge(Boolean(request.http?.headers.get('authorization'))));
        },
      };
    },
  };
}
