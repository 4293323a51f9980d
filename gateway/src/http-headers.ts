import type { RequestHandler } from 'express';

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
