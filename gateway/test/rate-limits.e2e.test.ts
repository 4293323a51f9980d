import { closeServer, listen } from '@cellgraph/kernel/core';
import { TEST_REDIS_URL } from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCell, type TestCell, type TestUser } from '../../scripts/testing/cell-harness.js';
import { graphqlRequest, type GraphQLResponse } from '../../scripts/runtime/graphql-client.js';
import { closeCodeOf } from '../../scripts/testing/live-client.js';
import { createGateway, parseGatewayConfig } from '../src/index.js';

const LIMITS = {
  USER_RATE_LIMIT: '5',
  ANONYMOUS_RATE_LIMIT: '8',
  API_KEY_GUESS_LIMIT: '3',
  LOGIN_FAILED_EMAILS_PER_ADDRESS: '3',
};
const SIGN_IN = 'mutation($input: SessionCreateInput!) { sessionCreate(input: $input) { session { accessToken } userErrors { code } } }';

let cell: TestCell;
beforeAll(async () => {
  // The test client reaches the gateway over loopback: trusting loopback lets each test speak from its own address.
  cell = await startTestCell({ env: { ...LIMITS, TRUST_PROXY: 'loopback' } });
});
afterAll(async () => {
  await cell?.stop();
});

const from = (address: string) => ({ 'x-forwarded-for': address });

function expectRateLimited(result: GraphQLResponse) {
  expect(result.status).toBe(429);
  expect(result.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.any(Number), requestId: expect.any(String) });
  expect(Number(result.headers.get('retry-after'))).toBeGreaterThan(0);
}

describe('rate limits', () => {
  let alice: TestUser;
  let bob: TestUser;
  beforeAll(async () => {
    [alice, bob] = await Promise.all([cell.signUp('Alice'), cell.signUp('Bob')]);
  });

  it('limit each signed-in user, with RateLimit headers, 429 RATE_LIMITED and Retry-After', async () => {
    for (let i = 1; i <= 5; i++) {
      const result = await cell.gql('{ me { email } }', {}, alice.token);
      expect(result.status).toBe(200);
      expect(result.headers.get('ratelimit-policy')).toBe('5;w=60');
      expect(result.headers.get('ratelimit-remaining')).toBe(String(5 - i));
    }
    const limited = await cell.gql('{ me { email } }', {}, alice.token);
    expectRateLimited(limited);
    expect(limited.errors![0]!.message).toBe('Rate limit exceeded for this user');
    // Per user, whichever address or session they use; other users are unaffected.
    expectRateLimited(await cell.gql('{ me { email } }', {}, alice.token, from('198.51.100.9')));
    expect((await cell.gql('{ me { email } }', {}, bob.token)).status).toBe(200);
  });

  it('count a WebSocket connection as one request of its user', async () => {
    const carol = await cell.signUp('Carol');
    const init = { Authorization: `Bearer ${carol.token}` };
    for (let i = 0; i < 5; i++) expect((await cell.gql('{ me { email } }', {}, carol.token)).status).toBe(200);
    expect((await closeCodeOf(cell.gatewayUrl, init)).code).toBe(4403);
  });

  it('limit anonymous callers per client address', async () => {
    for (let i = 0; i < 8; i++) expect((await cell.gql('{ __typename }', {}, undefined, from('203.0.113.1'))).status).toBe(200);
    expectRateLimited(await cell.gql('{ __typename }', {}, undefined, from('203.0.113.1')));
    expect((await cell.gql('{ __typename }', {}, undefined, from('203.0.113.2'))).status).toBe(200);
  });

  it('refuse API keys from an address that presented too many unknown ones', async () => {
    const created = await cell.gql('mutation { apiKeyCreate(input: { name: "Real", scopes: ["tasks:read"] }) { plainKey } }', {}, bob.token);
    const realKey = created.data!.apiKeyCreate.plainKey as string;
    for (let i = 0; i < 3; i++) expect((await cell.gql('{ __typename }', {}, `cg_guess-${i}`, from('203.0.113.3'))).status).toBe(401);
    expectRateLimited(await cell.gql('{ __typename }', {}, 'cg_guess-3', from('203.0.113.3')));
    // Even a real key is not checked from there, so guessing learns nothing; elsewhere it works.
    expectRateLimited(await cell.gql('{ __typename }', {}, realKey, from('203.0.113.3')));
    expect((await cell.gql('{ __typename }', {}, realKey, from('203.0.113.4'))).status).toBe(200);
    expect((await cell.gql('{ __typename }', {}, 'cg_guess-4', from('203.0.113.4'))).status).toBe(401);
  });

  it('throttle password spraying: failed sign-ins for many e-mails from one address', async () => {
    const victim = await cell.signUp('Victim');
    for (let i = 0; i < 3; i++) {
      const failed = await cell.gql(SIGN_IN, { input: { email: `sprayed-${i}@example.test`, password: victim.password } }, undefined, from('203.0.113.5'));
      expect(failed.data!.sessionCreate.userErrors).toEqual([{ code: 'IDENTITY_INVALID_CREDENTIALS' }]);
    }
    // The address is refused before any password is checked, even the right one.
    const refused = await cell.gql(SIGN_IN, { input: { email: victim.email, password: victim.password } }, undefined, from('203.0.113.5'));
    expectRateLimited(refused);
    expect(refused.errors![0]!.message).toMatch(/Too many failed sign-ins from this address/);
    const elsewhere = await cell.gql(SIGN_IN, { input: { email: victim.email, password: victim.password } }, undefined, from('203.0.113.6'));
    expect(elsewhere.data!.sessionCreate.session.accessToken).toEqual(expect.any(String));
  });
});

describe('the client address', () => {
  it('ignores X-Forwarded-For unless TRUST_PROXY names the proxies', async () => {
    const config = parseGatewayConfig({
      SUPERGRAPH_PATH: new URL('../../schema/cells/all/supergraph.graphql', import.meta.url).pathname,
      SUBGRAPH_URL_TEMPLATE: `${cell.subgraphsUrl}/{name}/graphql`,
      INTERNAL_CONTEXT_SECRET: cell.keys.internalContextSecret,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: `${cell.keyPrefix}:untrusting`,
      ANONYMOUS_RATE_LIMIT: '3',
    });
    const gateway = await createGateway(config);
    const { server, url } = await listen(gateway.app, 0);
    try {
      // Each request claims another address; all of them count for the real peer.
      for (let i = 0; i < 3; i++) expect((await graphqlRequest(`${url}/graphql`, '{ __typename }', {}, { headers: from(`192.0.2.${i}`) })).status).toBe(200);
      expectRateLimited(await graphqlRequest(`${url}/graphql`, '{ __typename }', {}, { headers: from('192.0.2.99') }));
    } finally {
      await closeServer(server);
      await gateway.stop();
    }
  });

  it('refuses TRUST_PROXY=true, which would let any client choose its address', () => {
    expect(() =>
      parseGatewayConfig({
        SUPERGRAPH_PATH: 'x',
        INTERNAL_CONTEXT_SECRET: cell.keys.internalContextSecret,
        REDIS_URL: TEST_REDIS_URL,
        TRUST_PROXY: 'true',
      }),
    ).toThrow(/TRUST_PROXY/);
  });
});
