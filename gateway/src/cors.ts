import type { RequestHandler } from 'express';

const ALLOWED_METHODS = 'GET, POST, OPTIONS';
const ALLOWED_HEADERS =
  'content-type, authorization, apollo-require-preflight, x-apollo-operation-name, x-request-id, x-cellgraph-session, apollographql-client-name, apollographql-client-version';
const EXPOSED_HEADERS = 'x-request-id, ratelimit-policy, ratelimit-limit, ratelimit-remaining, ratelimit-reset, retry-after';
const PREFLIGHT_MAX_AGE_SECONDS = '600';

/**
 * CORS for browser apps on other origins. Only the listed origins are answered, each with its own
 * origin and with credentials allowed; `*` lets any other origin call without credentials (the
 * Authorization header is not a CORS credential, so third-party apps with API keys work). Every
 * preflight (OPTIONS) is answered with 204; the browser refuses one that carries no
 * Access-Control-Allow-Origin. CSRF prevention is unchanged: a cross-origin request is still a
 * preflighted one.
 */
export function cors(allowedOrigins: readonly string[]): RequestHandler {
  const listed = new Set(allowedOrigins.filter((origin) => origin !== '*'));
  const anyOrigin = allowedOrigins.includes('*');
  return (req, res, next) => {
    const origin = req.header('origin');
    res.vary('Origin');
    if (origin && listed.has(origin)) {
      res.set({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true' });
    } else if (origin && anyOrigin) {
      res.set('Access-Control-Allow-Origin', '*');
    }
    if (res.get('Access-Control-Allow-Origin')) res.set('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    if (req.method !== 'OPTIONS') return next();
    if (res.get('Access-Control-Allow-Origin')) {
      res.set({
        'Access-Control-Allow-Methods': ALLOWED_METHODS,
        'Access-Control-Allow-Headers': ALLOWED_HEADERS,
        'Access-Control-Max-Age': PREFLIGHT_MAX_AGE_SECONDS,
      });
    }
    res.status(204).end();
  };
}
