import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type FragmentDefinitionNode } from 'graphql';
import type { GatewayContext } from './context.js';
import { sessionLocations, takeRefreshTokens } from './session-selection.js';

/**
 * First-party browser sessions ("cookie mode"): the refresh token lives in an httpOnly cookie that
 * only `/auth/*` receives, never in JavaScript. A request opts in with `X-Cellgraph-Session:
 * cookie`; being a custom header, it forces a CORS preflight, so another site cannot send it (CSRF).
 */
export const SESSION_MODE_HEADER = 'x-cellgraph-session';
export const REFRESH_COOKIE = 'cellgraph_refresh';
/** The cookie is sent to /auth/refresh and /auth/sign-out only, not with every GraphQL request. */
export const REFRESH_COOKIE_PATH = '/auth';

// Refresh tokens are `<prefix>_<base64url>`: nothing that needs quoting in a cookie.
const COOKIE_VALUE = /^[A-Za-z0-9_-]+$/;

export const inCookieMode = (header: string | null | undefined): boolean => header?.trim().toLowerCase() === 'cookie';

const attributes = (secure: boolean) => `HttpOnly;${secure ? ' Secure;' : ''} SameSite=Strict; Path=${REFRESH_COOKIE_PATH}`;

/**
 * The Set-Cookie value holding a refresh token until it expires (`Max-Age`); without a known
 * expiry, a browser-session cookie (identity still refuses the token once expired).
 */
export function refreshCookie(token: string, expiresAt: Date | null, secure: boolean, now = Date.now()): string {
  if (!COOKIE_VALUE.test(token)) throw new Error('a refresh token must be cookie-safe');
  const maxAge = expiresAt ? `; Max-Age=${Math.max(0, Math.floor((expiresAt.getTime() - now) / 1000))}` : '';
  return `${REFRESH_COOKIE}=${token}; ${attributes(secure)}${maxAge}`;
}

/** The Set-Cookie value that removes the refresh cookie. */
export function clearedRefreshCookie(secure: boolean): string {
  return `${REFRESH_COOKIE}=; ${attributes(secure)}; Max-Age=0`;
}

/** The refresh token of a `Cookie` header, or null. */
export function readRefreshCookie(cookieHeader: string | undefined): string | null {
  for (const pair of cookieHeader?.split(';') ?? []) {
    const [name, ...value] = pair.trim().split('=');
    const token = value.join('=');
    if (name === REFRESH_COOKIE && COOKIE_VALUE.test(token)) return token;
  }
  return null;
}

/**
 * In cookie mode, moves the refresh token of a session-issuing mutation (sessionCreate,
 * userRegister, sessionRefresh… — aliases and fragments followed) out of the body into the
 * refresh cookie; the body's `refreshToken` becomes null. Other requests are unchanged (third
 * parties keep the token in the body).
 */
export function refreshTokenToCookie(secure: boolean): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response, operation, document }) {
          if (!inCookieMode(request.http?.headers.get(SESSION_MODE_HEADER)) || !operation || !document || response.body.kind !== 'single') return;
          const fragments = Object.fromEntries(
            document.definitions
              .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
              .map((fragment) => [fragment.name.value, fragment]),
          );
          const taken = takeRefreshTokens(response.body.singleResult.data, sessionLocations(operation, fragments));
          if (taken) response.http.headers.set('set-cookie', refreshCookie(taken.token, taken.expiresAt, secure));
        },
      };
    },
  };
}
