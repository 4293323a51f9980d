import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCell, TEST_PASSWORD, waitForEmail, type TestCell } from '../../scripts/testing/cell-harness.js';

const COOKIE_MODE = { 'x-cellgraph-session': 'cookie' };
const SPA_ORIGIN = 'http://localhost:5173';
const REGISTER = `mutation($input: UserRegisterInput!) {
  userRegister(input: $input) { session { accessToken refreshToken refreshTokenExpiresAt user { id } organization { id } } userErrors { code } }
}`;

let cell: TestCell;
let base: string;

beforeAll(async () => {
  cell = await startTestCell({ env: { CORS_ORIGINS: SPA_ORIGIN } });
  base = cell.gatewayUrl.replace(/\/graphql$/, '');
});
afterAll(async () => {
  await cell?.stop();
});

/** The refresh cookie a response sets: its value and attributes, or null. */
function refreshCookieOf(response: { headers: Headers }): { value: string; attributes: string[] } | null {
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith('cellgraph_refresh='));
  if (!cookie) return null;
  const [pair, ...attributes] = cookie.split(';').map((part) => part.trim());
  return { value: pair!.slice('cellgraph_refresh='.length), attributes };
}

async function registerInCookieMode() {
  const email = `cookie-${randomBytes(5).toString('hex')}@example.test`;
  const result = await cell.gql(REGISTER, { input: { email, name: 'Cookie User', password: TEST_PASSWORD } }, undefined, COOKIE_MODE);
  expect(result.data!.userRegister.userErrors).toEqual([]);
  return { email, result, session: result.data!.userRegister.session, cookie: refreshCookieOf(result)! };
}

const auth = (path: string, options: { cookie?: string; token?: string; headers?: Record<string, string> } = {}) =>
  fetch(`${base}/auth/${path}`, {
    method: 'POST',
    headers: {
      ...COOKIE_MODE,
      ...(options.cookie !== undefined ? { cookie: `other=1; cellgraph_refresh=${options.cookie}` } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
  });

const me = (token: string) => cell.gql('{ me { id } }', {}, token);

describe('cookie mode on /graphql', () => {
  it('moves the refresh token of a sign-up into an httpOnly, Secure, SameSite=Strict cookie for /auth', async () => {
    const { session, cookie } = await registerInCookieMode();
    expect(session.refreshToken).toBeNull();
    expect(session.accessToken).toEqual(expect.any(String));
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(cookie.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'Secure', 'SameSite=Strict', 'Path=/auth']));
    // Until the refresh token expires (identity's default: 30 days).
    const maxAge = Number(cookie.attributes.find((a) => a.startsWith('Max-Age='))!.slice('Max-Age='.length));
    const untilExpiry = (Date.parse(session.refreshTokenExpiresAt) - Date.now()) / 1000;
    expect(Math.abs(maxAge - untilExpiry)).toBeLessThan(60);
  });

  it('follows aliases and fragments of the sign-in', async () => {
    const { email } = await registerInCookieMode();
    const result = await cell.gql(
      `mutation($input: SessionCreateInput!) { signIn: sessionCreate(input: $input) { ...Signed } }
       fragment Signed on SessionCreatePayload { s: session { token: accessToken rt: refreshToken } }`,
      { input: { email, password: TEST_PASSWORD } },
      undefined,
      COOKIE_MODE,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.signIn.s.rt).toBeNull();
    const cookie = refreshCookieOf(result)!;
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const refreshed = await auth('refresh', { cookie: cookie.value });
    expect(refreshed.status).toBe(200);
  });

  it('leaves the refresh token in the body without the header (third parties)', async () => {
    const email = `plain-${randomBytes(5).toString('hex')}@example.test`;
    const result = await cell.gql(REGISTER, { input: { email, name: 'Plain', password: TEST_PASSWORD } });
    expect(result.data!.userRegister.session.refreshToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(refreshCookieOf(result)).toBeNull();
  });
});

describe('POST /auth/refresh', () => {
  it('exchanges the cookie for a working access token and a rotated cookie; the old cookie then ends the session', async () => {
    const { session, cookie } = await registerInCookieMode();
    const response = await auth('refresh', { cookie: cookie.value, headers: { origin: base } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      accessToken: expect.any(String),
      expiresAt: expect.any(String),
      user: { id: session.user.id },
      organization: { id: session.organization.id },
    });
    expect((await me(body.accessToken as string)).data!.me).toEqual({ id: session.user.id });
    const rotated = refreshCookieOf(response)!;
    expect(rotated.value).not.toBe(cookie.value);
    expect(rotated.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'Secure', 'SameSite=Strict', 'Path=/auth']));

    // The old value again is a reuse: identity signs out every session of the user.
    const reused = await auth('refresh', { cookie: cookie.value });
    expect(reused.status).toBe(401);
    expect(((await reused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    expect(refreshCookieOf(reused)).toEqual({ value: '', attributes: expect.arrayContaining(['Max-Age=0', 'Path=/auth']) });
    expect((await auth('refresh', { cookie: rotated.value })).status).toBe(401);
    expect((await me(body.accessToken as string)).status).toBe(401);
  });

  it('refuses a request without X-Cellgraph-Session: cookie (403) and one from another origin', async () => {
    const { cookie } = await registerInCookieMode();
    const withoutHeader = await fetch(`${base}/auth/refresh`, { method: 'POST', headers: { cookie: `cellgraph_refresh=${cookie.value}` } });
    expect(withoutHeader.status).toBe(403);
    expect(((await withoutHeader.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('FORBIDDEN');
    expect(refreshCookieOf(withoutHeader)).toBeNull();
    const foreign = await auth('refresh', { cookie: cookie.value, headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    // Neither used the token: it still works.
    expect((await auth('refresh', { cookie: cookie.value })).status).toBe(200);
  });

  it('answers 204 without a cookie (nobody signed in: not an error), and 401 UNAUTHENTICATED, clearing it, with an unknown one', async () => {
    const none = await auth('refresh');
    expect(none.status).toBe(204);
    expect(await none.text()).toBe('');
    expect(refreshCookieOf(none)).toBeNull();
    for (const response of [await auth('refresh', { cookie: 'cg_rt_unknown' })]) {
      expect(response.status).toBe(401);
      const body = (await response.json()) as { errors: { extensions: { code: string; requestId: string } }[] };
      expect(body.errors[0]!.extensions).toEqual({ code: 'UNAUTHENTICATED', requestId: expect.any(String) });
      expect(refreshCookieOf(response)?.attributes).toContain('Max-Age=0');
    }
  });

  it('lets a listed CORS origin preflight with X-Cellgraph-Session, with credentials, and refresh', async () => {
    const response = await fetch(`${base}/auth/refresh`, {
      method: 'OPTIONS',
      headers: { origin: SPA_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-cellgraph-session' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(SPA_ORIGIN);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-allow-headers')).toContain('x-cellgraph-session');
    const { cookie } = await registerInCookieMode();
    expect((await auth('refresh', { cookie: cookie.value, headers: { origin: SPA_ORIGIN } })).status).toBe(200);
  });
});

describe('POST /auth/sign-out', () => {
  it('clears the cookie and revokes the session of the access token', async () => {
    const { session, cookie } = await registerInCookieMode();
    const response = await auth('sign-out', { cookie: cookie.value, token: session.accessToken });
    expect(response.status).toBe(204);
    expect(refreshCookieOf(response)?.attributes).toContain('Max-Age=0');
    expect((await me(session.accessToken)).status).toBe(401);
    expect((await auth('refresh', { cookie: cookie.value })).status).toBe(401);
  });

  it('revokes the cookie’s session when no access token is sent', async () => {
    const { session, cookie } = await registerInCookieMode();
    expect((await me(session.accessToken)).data!.me).toEqual({ id: session.user.id });
    const response = await auth('sign-out', { cookie: cookie.value });
    expect(response.status).toBe(204);
    expect(refreshCookieOf(response)?.attributes).toContain('Max-Age=0');
    expect((await me(session.accessToken)).status).toBe(401);
  });

  it('needs the cookie-mode header', async () => {
    const { session } = await registerInCookieMode();
    const response = await fetch(`${base}/auth/sign-out`, { method: 'POST', headers: { authorization: `Bearer ${session.accessToken}` } });
    expect(response.status).toBe(403);
    expect((await me(session.accessToken)).data!.me).toEqual({ id: session.user.id });
  });
});

describe('identity’s links', () => {
  // startCell gives identity APP_URL = the gateway's URL (which serves the SPA) unless APP_URL is set.
  it.skipIf(process.env.APP_URL)('open the SPA at the gateway’s own URL', async () => {
    const { email } = await registerInCookieMode();
    const result = await cell.gql('mutation($input: PasswordResetRequestInput!) { passwordResetRequest(input: $input) { userErrors { code } } }', {
      input: { email },
    });
    expect(result.errors).toBeUndefined();
    const mail = await waitForEmail(cell, email, { subject: 'Reset' });
    expect(mail.text).toContain(`${base}/reset-password?token=`);
  });
});
