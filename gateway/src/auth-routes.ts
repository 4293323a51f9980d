import { sendGraphQLError, type RequestContext } from '@cellgraph/kernel/core';
import { Router, type Request, type Response } from 'express';
import { AuthenticationError } from './authenticate.js';
import { clearedRefreshCookie, inCookieMode, readRefreshCookie, refreshCookie, SESSION_MODE_HEADER } from './session-cookie.js';
import { readerOf } from './reader.js';
import { gatewayMessages } from './messages.js';

/** An operation's outcome, run through the gateway's own execution. */
export interface ExecutedOperation {
  status: number;
  headers: Iterable<[string, string]>;
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

export interface AuthRoutesOptions {
  /** Origins (besides the gateway's own) whose pages may use the cookie: the CORS origins, `*` excluded. */
  allowedOrigins: readonly string[];
  secureCookie: boolean;
  /** The request's context as /graphql builds it (authenticated with `authorization`, rate-limited); throws as /graphql refuses. */
  contextOf(req: Request, res: Response, authorization: string | undefined): Promise<RequestContext>;
  /** Answers a failure of contextOf as /graphql does (401, 429, 503). */
  refuse(error: unknown, res: Response): void;
  /** Runs an operation as `request` through the gateway. */
  execute(query: string, variables: Record<string, unknown>, request: RequestContext, res: Response): Promise<ExecutedOperation>;
}

const REFRESH = `mutation SessionRefresh($input: SessionRefreshInput!) {
  sessionRefresh(input: $input) { session { accessToken expiresAt refreshToken refreshTokenExpiresAt user { id } organization { id } } }
}`;
const REVOKE = 'mutation SessionRevoke { sessionRevoke { revokedSessionCount } }';

interface RefreshedSession {
  accessToken: string;
  expiresAt: string;
  refreshToken: string | null;
  refreshTokenExpiresAt: string | null;
  user: { id: string };
  organization: { id: string } | null;
}

/**
 * `POST /auth/refresh` and `POST /auth/sign-out`, for first-party pages in cookie mode (see the
 * README's "Browser sessions"). Both need `X-Cellgraph-Session: cookie` (a preflighted header:
 * no other site can send it) and, when the browser names an Origin, the gateway's own or a listed one.
 */
export function authRoutes(options: AuthRoutesOptions): Router {
  const router = Router();
  const clearCookie = (res: Response) => res.append('Set-Cookie', clearedRefreshCookie(options.secureCookie));
  const sessionEnded = (res: Response) => {
    clearCookie(res);
    sendGraphQLError(res, 401, 'UNAUTHENTICATED', readerOf(res.req).t(gatewayMessages.sessionEnded));
  };
  /** Forwards the errors of an operation that failed for another reason than the token (an outage, a rate limit). */
  const sendErrors = (res: Response, result: ExecutedOperation) => {
    for (const [name, value] of result.headers) if (name === 'retry-after') res.set(name, value);
    res.status(result.status >= 400 ? result.status : 500).json({ errors: result.errors });
  };
  const refresh = async (req: Request, res: Response, refreshToken: string) => {
    const request = await options.contextOf(req, res, undefined); // anonymous: the cookie is the credential
    const result = await options.execute(REFRESH, { input: { refreshToken } }, request, res);
    const session = (result.data?.sessionRefresh as { session: RefreshedSession | null } | null)?.session;
    return { result, session: session?.refreshToken ? session : null };
  };

  router.use((req, res, next) => {
    if (!inCookieMode(req.header(SESSION_MODE_HEADER))) {
      return void sendGraphQLError(res, 403, 'FORBIDDEN', readerOf(req).t(gatewayMessages.sessionHeaderRequired));
    }
    const origin = req.header('origin');
    if (origin && !options.allowedOrigins.includes(origin) && !sameOrigin(origin, req.header('host'))) {
      return void sendGraphQLError(res, 403, 'FORBIDDEN', readerOf(req).t(gatewayMessages.originMayNotUseCookie));
    }
    next();
  });

  router.post('/refresh', async (req, res) => {
    const token = readRefreshCookie(req.header('cookie'));
    // No cookie: nobody is signed in on this browser, which is not an error (every first visit asks).
    if (!token) return void res.status(204).end();
    try {
      const { result, session } = await refresh(req, res, token);
      if (!session) return result.errors?.length ? sendErrors(res, result) : sessionEnded(res);
      res.append(
        'Set-Cookie',
        refreshCookie(session.refreshToken!, session.refreshTokenExpiresAt ? new Date(session.refreshTokenExpiresAt) : null, options.secureCookie),
      );
      res.json({ accessToken: session.accessToken, expiresAt: session.expiresAt, user: { id: session.user.id }, organization: session.organization });
    } catch (error) {
      options.refuse(error, res);
    }
  });

  router.post('/sign-out', async (req, res) => {
    clearCookie(res);
    const authorization = req.header('authorization');
    try {
      let request = authorization?.startsWith('Bearer ') ? await options.contextOf(req, res, authorization).catch(signedOutAlready) : null;
      // Without a working access token, the cookie's session is the one to end: refresh it once for one.
      const token = request ? null : readRefreshCookie(req.header('cookie'));
      if (token) {
        const { session } = await refresh(req, res, token);
        request = session ? await options.contextOf(req, res, `Bearer ${session.accessToken}`) : null;
      }
      if (request?.principal.kind === 'user') {
        const result = await options.execute(REVOKE, {}, request, res);
        if (result.errors?.length) return sendErrors(res, result);
      }
      res.status(204).end();
    } catch (error) {
      options.refuse(error, res);
    }
  });
  return router;
}

/** An access token that is refused (expired, already signed out) leaves nothing to revoke with it. */
function signedOutAlready(error: unknown): null {
  if (error instanceof AuthenticationError) return null;
  throw error;
}

function sameOrigin(origin: string, host: string | undefined): boolean {
  // The host only: behind a TLS-terminating proxy the gateway itself is reached over http.
  return Boolean(host) && URL.canParse(origin) && new URL(origin).host === host;
}
