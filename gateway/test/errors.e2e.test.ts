import { createHttpApp, isDevelopment } from '@cellgraph/kernel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCell, type TestCell, type TestUser } from '../../scripts/testing/cell-harness.js';
import { liveClient, subscribe } from '../../scripts/testing/live-client.js';

let cell: TestCell;
let alice: TestUser;

beforeAll(async () => {
  cell = await startTestCell();
  alice = await cell.signUp('Alice');
});
afterAll(async () => {
  await cell?.stop();
});

/** Sends a raw request and expects a coded GraphQL error with the request id (header and extensions). */
async function expectCodedError(url: string, init: RequestInit, status: number, code: string) {
  const response = await fetch(url, { ...init, headers: { 'x-request-id': 'err-req-1', ...(init.headers as Record<string, string>) } });
  const text = await response.text();
  expect({ status: response.status, type: response.headers.get('content-type'), requestId: response.headers.get('x-request-id') }).toEqual({
    status,
    type: expect.stringMatching(/^application\/(graphql-response\+)?json/),
    requestId: 'err-req-1',
  });
  const body = JSON.parse(text) as { errors: { message: string; extensions: Record<string, unknown> }[] };
  expect(body.errors[0]!.extensions).toMatchObject({ code, requestId: 'err-req-1' });
  expect(text).not.toMatch(/ at |node_modules|\/work\/|<html|<pre/i);
}

const json = { 'content-type': 'application/json' };

/** A GraphQL request to the gateway, as a client reading `language` (its Accept-Language), with `token` if any. */
async function graphql(query: string, variables: Record<string, unknown>, language?: string, token?: string) {
  const headers: Record<string, string> = {
    ...json,
    ...(language ? { 'accept-language': language } : {}),
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };
  const response = await fetch(cell.gatewayUrl, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as {
    data?: Record<string, { userErrors: { message: string }[] } | null>;
    errors?: { message: string; extensions: { code: string } }[];
  };
}

describe('errors in the reader’s language', () => {
  const REGISTER = `mutation($input: UserRegisterInput!) { userRegister(input: $input) { userErrors { message } } }`;
  const weak = () => ({ input: { email: `weak-${Math.random().toString(36).slice(2, 8)}@example.test`, name: 'Weak', password: 'short' } });
  const SETTINGS = `query { settings(namespace: "no-such-namespace") { values } }`;
  const SET_LOCALE = `mutation($input: SettingSetInput!) { settingSet(input: $input) { userErrors { message } } }`;

  it('answers a client with Accept-Language: de in German, from the gateway and from subgraphs; English by default', async () => {
    const refused = await fetch(cell.gatewayUrl, { method: 'PUT', headers: { ...json, 'accept-language': 'de-DE,de;q=0.9,en;q=0.8' }, body: '{}' });
    expect(((await refused.json()) as { errors: { message: string }[] }).errors[0]!.message).toBe('Der Endpunkt akzeptiert nur GET und POST');
    const badToken = await fetch(cell.gatewayUrl, { method: 'POST', headers: { ...json, 'accept-language': 'de', authorization: 'Basic x' }, body: '{}' });
    expect(((await badToken.json()) as { errors: { message: string }[] }).errors[0]!.message).toBe('Authorization muss „Bearer“ gefolgt vom Token lauten');
    const german = await graphql(REGISTER, weak(), 'de');
    expect(german.data!.userRegister!.userErrors.map((e) => e.message)).toContain('Das Passwort muss mindestens 12 Zeichen lang sein');
    const english = await graphql(REGISTER, weak());
    expect(english.data!.userRegister!.userErrors.map((e) => e.message)).toContain('Password must be at least 12 characters long');
    const topLevel = await graphql(SETTINGS, {}, 'de', alice.token);
    expect(topLevel.errors?.[0]).toMatchObject({ message: 'namespace ist kein Einstellungsbereich', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('answers a user whose profile locale is de-DE in German whatever their browser sends', async () => {
    const bea = await cell.signUp('Bea');
    expect((await graphql(SETTINGS, {}, 'en-US', bea.token)).errors?.[0]?.message).toBe('namespace is not a settings namespace of this cell');
    expect(
      (await graphql(SET_LOCALE, { input: { namespace: 'profile', scope: 'USER', values: { locale: 'de-DE' } } }, 'en-US', bea.token)).data!.settingSet!
        .userErrors,
    ).toEqual([]);
    let message: string | undefined;
    for (let attempt = 0; attempt < 50 && message !== 'namespace ist kein Einstellungsbereich'; attempt++) {
      if (attempt) await new Promise((resolve) => setTimeout(resolve, 100));
      message = (await graphql(SETTINGS, {}, 'en-US', bea.token)).errors?.[0]?.message;
    }
    expect(message).toBe('namespace ist kein Einstellungsbereich');
  });
});

describe('every HTTP error is a coded GraphQL error with the request id', () => {
  it('on the gateway: malformed JSON, a body over the limit, unknown routes and methods', async () => {
    const base = cell.gatewayUrl.replace(/\/graphql$/, '');
    await expectCodedError(cell.gatewayUrl, { method: 'POST', headers: json, body: '{"query": "{ __typename }"' }, 400, 'BAD_REQUEST');
    await expectCodedError(
      cell.gatewayUrl,
      { method: 'POST', headers: json, body: JSON.stringify({ query: `{ __typename } #${'x'.repeat(1_100_000)}` }) },
      413,
      'PAYLOAD_TOO_LARGE',
    );
    await expectCodedError(`${base}/nowhere`, { method: 'GET' }, 404, 'NOT_FOUND');
    await expectCodedError(`${base}/health/live`, { method: 'DELETE' }, 404, 'NOT_FOUND');
    await expectCodedError(cell.gatewayUrl, { method: 'PUT', headers: json, body: '{}' }, 405, 'METHOD_NOT_ALLOWED');
  });

  it('on the subgraph host: malformed JSON, a body over the limit, unknown routes and methods', async () => {
    const graphql = `${cell.subgraphsUrl}/tasks/graphql`;
    await expectCodedError(graphql, { method: 'POST', headers: json, body: '{"query": ' }, 400, 'BAD_REQUEST');
    await expectCodedError(graphql, { method: 'POST', headers: json, body: JSON.stringify({ query: `#${'x'.repeat(1_100_000)}` }) }, 413, 'PAYLOAD_TOO_LARGE');
    await expectCodedError(graphql, { method: 'POST', headers: json, body: JSON.stringify({ query: '{ _service { sdl } }' }) }, 401, 'UNAUTHENTICATED');
    await expectCodedError(graphql, { method: 'GET' }, 405, 'METHOD_NOT_ALLOWED');
    await expectCodedError(`${cell.subgraphsUrl}/nowhere`, { method: 'GET' }, 404, 'NOT_FOUND');
  });
});

describe('one definition of development', () => {
  it('is NODE_ENV=development only; unset is production, and Express agrees', () => {
    expect([isDevelopment({}), isDevelopment({ NODE_ENV: 'test' }), isDevelopment({ NODE_ENV: 'development' })]).toEqual([false, false, true]);
    expect(createHttpApp('production').get('env')).toBe('production');
    const saved = process.env.NODE_ENV;
    delete process.env.NODE_ENV;
    try {
      expect(createHttpApp().get('env')).toBe('production');
    } finally {
      if (saved !== undefined) process.env.NODE_ENV = saved;
    }
  });
});

describe('schema hints', () => {
  it('are hidden over WebSocket exactly as over HTTP', async () => {
    const typo = 'subscription { taskChanged(boardId: "x") { tsk { id } } }';
    const overHttp = await cell.gql('{ taks { totalCount } }', {}, alice.token);
    expect(overHttp.errors![0]!.message).toBe('Cannot query field "taks" on type "Query".');
    const client = liveClient(cell.gatewayUrl, alice.token);
    try {
      const errors = (await subscribe(client, typo).ended) as { message: string; extensions: { code: string } }[];
      expect(errors).toHaveLength(1);
      expect(errors[0]!.message).toMatch(/^Cannot query field "tsk" on type "\w+"\.$/);
      expect(errors[0]!.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    } finally {
      await client.dispose();
    }
  });
});
