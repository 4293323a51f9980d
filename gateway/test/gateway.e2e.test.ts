import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer, type Server, type Socket } from 'node:net';
import { AccessTokenIssuer, closeServer, generateSigningKeyPair, listen, toGlobalId, uuidv7 } from '@cellgraph/kernel/core';
import { TEST_REDIS_URL, withClient } from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { graphqlRequest, type GraphQLData } from '../../scripts/runtime/graphql-client.js';
import { startTestCell, type TestCell, type TestUser } from '../../scripts/testing/cell-harness.js';
import { createGateway, parseGatewayConfig } from '../src/index.js';

let cell: TestCell;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  cell = await startTestCell();
  [alice, bob] = await Promise.all([cell.signUp('Alice'), cell.signUp('Bob')]);
});
afterAll(async () => {
  await cell?.stop();
});

const createTask = async (user: TestUser, title: string, assigneeId?: string) => {
  const result = await cell.gql(
    'mutation($input: TaskCreateInput!) { taskCreate(input: $input) { task { id } userErrors { code message } } }',
    { input: { title, assigneeId } },
    user.token,
  );
  expect(result.data!.taskCreate.userErrors).toEqual([]);
  return result.data!.taskCreate.task.id as string;
};

/** A second gateway over the same subgraphs, with its own configuration. */
/** A value for each subgraph of the cell, by name (health reports list them all). */
const everySubgraph = <T>(value: (name: string) => T): Record<string, T> => Object.fromEntries(cell.cell.subgraphs.map(({ name }) => [name, value(name)]));

async function gatewayWith(env: Record<string, string>) {
  const config = parseGatewayConfig({
    SUPERGRAPH_PATH: new URL('../../schema/cells/all/supergraph.graphql', import.meta.url).pathname,
    SUBGRAPH_URL_TEMPLATE: `${cell.subgraphsUrl}/{name}/graphql`,
    INTERNAL_CONTEXT_SECRET: cell.keys.internalContextSecret,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: cell.keyPrefix,
    ...env,
  });
  const gateway = await createGateway(config);
  const { server, url } = await listen(gateway.app, 0);
  return {
    url: `${url}/graphql`,
    base: url,
    async stop() {
      await closeServer(server);
      await gateway.stop();
    },
  };
}

describe('the supergraph', () => {
  it('answers { __typename } to anyone', async () => {
    expect((await cell.gql('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('follows links across subgraphs in one query, in both directions', async () => {
    await createTask(alice, 'Cross the graph', alice.userId);
    await createTask(alice, 'Unassigned');
    const result = await cell.gql(
      `{ tasks(orderBy: [{ field: TITLE }]) { nodes { title assignee { email name } createdBy { email } } }
         me { email assignedTasks { totalCount nodes { title } } } }`,
      {},
      alice.token,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      tasks: {
        nodes: [
          { title: 'Cross the graph', assignee: { email: alice.email, name: 'Alice' }, createdBy: { email: alice.email } },
          { title: 'Unassigned', assignee: null, createdBy: { email: alice.email } },
        ],
      },
      me: { email: alice.email, assignedTasks: { totalCount: 1, nodes: [{ title: 'Cross the graph' }] } },
    });
  });

  it('never shows one organization’s data to another', async () => {
    const secret = await createTask(alice, 'Alice only', alice.userId);
    const asBob = await cell.gql(`query($id: ID!) { task(id: $id) { id } tasks { totalCount } }`, { id: secret }, bob.token);
    expect(asBob.data).toEqual({ task: null, tasks: { totalCount: 0 } });
    // Bob cannot assign a task to Alice, who is not in his organization.
    const probe = await cell.gql(
      'mutation($input: TaskCreateInput!) { taskCreate(input: $input) { task { id } userErrors { code } } }',
      { input: { title: 'Probe', assigneeId: alice.userId } },
      bob.token,
    );
    expect(probe.data!.taskCreate).toEqual({ task: null, userErrors: [{ code: 'TASK_ASSIGNEE_NOT_MEMBER' }] });
  });
});

describe('entity representations', () => {
  it('sends each distinct representation once per fetch, and answers every position that asked for it', async () => {
    // A proxy in front of the subgraphs that records what identity receives.
    const sentToIdentity: unknown[][] = [];
    const proxy = createHttpServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      if (req.url === '/identity/graphql' && req.method === 'POST') {
        const representations = (JSON.parse(body.toString()) as { variables?: { representations?: unknown[] } }).variables?.representations;
        if (representations) sentToIdentity.push(representations);
      }
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name))) as Record<
        string,
        string
      >;
      const answer = await fetch(`${cell.subgraphsUrl}${req.url}`, { method: req.method, headers, body: req.method === 'POST' ? body : undefined });
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(Buffer.from(await answer.arrayBuffer()));
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const gateway = await gatewayWith({ SUBGRAPH_URL_TEMPLATE: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/{name}/graphql` });
    try {
      const dora = await cell.signUp('Dora');
      for (const title of ['One', 'Two', 'Three']) await createTask(dora, title, dora.userId);
      const query = '{ tasks(orderBy: [{ field: TITLE }]) { nodes { title assignee { email } createdBy { email } } } }';
      const result = await graphqlRequest<{ tasks: { nodes: unknown[] } }>(gateway.url, query, {}, { token: dora.token });
      expect(result.errors).toBeUndefined();
      const person = { email: dora.email };
      expect(result.data!.tasks.nodes).toEqual(['One', 'Three', 'Two'].map((title) => ({ title, assignee: person, createdBy: person })));
      // The plan asks identity for the three assignees, and in another fetch for the three authors:
      // Dora each time, sent once per fetch.
      const once = [{ __typename: 'User', id: expect.any(String) }];
      expect(sentToIdentity).toEqual([once, once]);
    } finally {
      await gateway.stop();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });
});

describe('authentication', () => {
  it('refuses a malformed, forged or expired token with 401 instead of treating the caller as anonymous', async () => {
    const malformed = await cell.gql('{ __typename }', {}, undefined, { authorization: 'Basic abc' });
    expect(malformed.status).toBe(401);
    expect(malformed.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');

    const stranger = await generateSigningKeyPair(cell.keys.auth.privateJwk.kid);
    const forged = await (
      await AccessTokenIssuer.create(stranger.privateJwk, 900)
    ).issue({ userId: uuidv7(), orgId: uuidv7(), sessionId: null, generation: 0 });
    const forgedResult = await cell.gql('{ __typename }', {}, forged.token);
    expect(forgedResult.status).toBe(401);
    expect(forgedResult.headers.get('www-authenticate')).toBe('Bearer realm="cellgraph", error="invalid_token"');

    const issuer = await AccessTokenIssuer.create(cell.keys.auth.privateJwk, 60);
    vi.useFakeTimers({ now: Date.now() - 3_600_000, toFake: ['Date'] });
    const expired = await issuer.issue({ userId: uuidv7(), orgId: null, sessionId: null, generation: 0 });
    vi.useRealTimers();
    const expiredResult = await cell.gql('{ __typename }', {}, expired.token);
    expect(expiredResult.status).toBe(401);
    expect(expiredResult.errors![0]!.message).toBe('Invalid or expired access token');
  });
});

describe('the shield', () => {
  it('allows introspection to authenticated callers only (outside development)', async () => {
    const anonymous = await cell.gql('{ __schema { queryType { name } } }');
    expect(anonymous.status).toBe(401);
    expect(anonymous.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const signedIn = await cell.gql('{ __schema { queryType { name } } }', {}, alice.token);
    expect(signedIn.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('answers 400, not 500, for an operation name the document lacks', async () => {
    const response = await fetch(cell.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${alice.token}` },
      body: JSON.stringify({ query: 'query Mine { me { id } }', operationName: 'Other' }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('OPERATION_RESOLUTION_FAILURE');
  });

  it('enforces depth, alias, directive, token and body-size limits', async () => {
    // me, then five hops of assignedTasks > nodes > assignee, then id: 17 levels.
    const deep = `{ me ${'{ assignedTasks { nodes { assignee '.repeat(5)}{ id }${' } } }'.repeat(5)} }`;
    expect((await cell.gql(deep, {}, alice.token)).errors![0]!.message).toBe('Query depth 17 exceeds the limit of 15');
    const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    expect((await cell.gql(aliases)).errors![0]!.message).toBe('Document uses 31 aliases; the limit is 30');
    const directives = `{ ${Array.from({ length: 51 }, (_, i) => `a${i % 25}: __typename @include(if: true)`).join(' ')} }`;
    expect((await cell.gql(directives)).errors!.map((e) => e.message)).toContain('Document uses 51 directives; the limit is 50');
    const tokens = `{ ${'__typename '.repeat(5001)}}`;
    const tooMany = await cell.gql(tokens);
    expect(tooMany.errors![0]!.extensions!.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(tooMany.errors![0]!.message).toMatch(/Document contains more (than|that) 5000 tokens/); // graphql-js spells it "that"
    const huge = await fetch(cell.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename } #${'x'.repeat(1_100_000)}` }),
    });
    expect(huge.status).toBe(413);
  });

  it('refuses an operation that could return too many objects, and reports what each one asked for', async () => {
    const small = await cell.gql('{ tasks(first: 20) { nodes { id } } }', {}, alice.token);
    expect(small.extensions).toEqual({ cost: { requestedNodes: 20, limit: 50_000 } });
    const nested = 'query($n: Int) { tasks(first: $n) { nodes { subtasks(first: 100) { nodes { subtasks(first: 100) { nodes { id } } } } } } }';
    const refused = await cell.gql(nested, { n: 10 }, alice.token); // 10 + 10 × 100 + 10 × 100 × 100
    expect(refused.status).toBe(400);
    expect(refused.data).toBeUndefined();
    expect(refused.errors).toEqual([
      {
        message: 'This operation could return 101010 objects; the limit is 50000. Ask for smaller pages (first/last), fewer ids or fewer nested lists.',
        extensions: { code: 'QUERY_TOO_COMPLEX', requestId: expect.any(String) },
      },
    ]);
    const allowed = await cell.gql(nested, { n: 4 }, alice.token); // 40,404
    expect([allowed.status, allowed.errors, allowed.extensions!.cost.requestedNodes]).toEqual([200, undefined, 40_404]);
  });

  it('counts every list of objects by its size, with variable defaults: nodes(ids) cannot multiply past the limit', async () => {
    const ids = Array.from({ length: 100 }, () => toGlobalId('Board', uuidv7()));
    const boards = 'nodes(ids: $ids) { ... on Board { tasks(first: 100) { nodes { id } } } }';
    const one = await cell.gql(`query($ids: [ID!]!) { ${boards} }`, { ids }, alice.token); // 100 boards + 100 × 100 tasks
    expect(one.extensions!.cost).toEqual({ requestedNodes: 10_100, limit: 50_000 });
    const aliased = await cell.gql(`query($ids: [ID!]!) { ${Array.from({ length: 10 }, (_, i) => `a${i}: ${boards}`).join(' ')} }`, { ids }, alice.token);
    expect([aliased.status, aliased.data, aliased.errors![0]!.extensions!.code]).toEqual([400, undefined, 'QUERY_TOO_COMPLEX']);
    expect(aliased.errors![0]!.message).toMatch(/^This operation could return 101000 objects; the limit is 50000\./);
    const defaulted = await cell.gql('query($n: Int = 100) { tasks(first: $n) { nodes { subtasks(first: $n) { nodes { id } } } } }', {}, alice.token);
    expect(defaulted.extensions!.cost.requestedNodes).toBe(100 + 100 * 100);
  });

  it('refuses a response larger than MAX_RESPONSE_BYTES with RESPONSE_TOO_LARGE', async () => {
    const small = await gatewayWith({ MAX_RESPONSE_BYTES: '2000' });
    try {
      const send = (query: string) =>
        fetch(small.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${alice.token}` },
          body: JSON.stringify({ query }),
        }).then(async (response) => ({ status: response.status, body: (await response.json()) as GraphQLData }));
      expect((await send('{ __typename }')).body.data).toEqual({ __typename: 'Query' });
      const big = await send('{ __schema { types { name fields { name } } } }');
      expect(big.body.data).toBeUndefined();
      expect(big.body.errors).toEqual([
        {
          message: expect.stringMatching(/^The response would be \d+ bytes; the limit is 2000\./),
          extensions: { code: 'RESPONSE_TOO_LARGE', requestId: expect.any(String) },
        },
      ]);
      expect(big.body.extensions.cost).toEqual({ requestedNodes: expect.any(Number), limit: 50_000 });
    } finally {
      await small.stop();
    }
  });

  it('gives no schema hints and no internals in errors', async () => {
    const typo = await cell.gql('{ taks { totalCount } }', {}, alice.token);
    expect(typo.errors![0]!.message).toBe('Cannot query field "taks" on type "Query".');
    // Break identity's table under it: the SQL error must not reach the client.
    await withClient(cell.database.url, (client) => client.query('ALTER TABLE identity.users RENAME COLUMN name TO name_broken'));
    try {
      const result = await cell.gql('{ me { email name } tasks { totalCount } }', {}, alice.token, { 'x-request-id': 'trace-me-42' });
      expect(result.headers.get('x-request-id')).toBe('trace-me-42');
      expect(result.data).toEqual({ me: null, tasks: { totalCount: expect.any(Number) } });
      expect(result.errors).toEqual([
        { message: 'Internal server error', path: ['me'], extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'trace-me-42' } },
      ]);
    } finally {
      await withClient(cell.database.url, (client) => client.query('ALTER TABLE identity.users RENAME COLUMN name_broken TO name'));
    }
  });

  it('answers a token whose account is gone with UNAUTHENTICATED', async () => {
    const ghost = await (
      await AccessTokenIssuer.create(cell.keys.auth.privateJwk, 900)
    ).issue({ userId: uuidv7(), orgId: uuidv7(), sessionId: null, generation: 0 });
    const result = await cell.gql('{ me { email } }', {}, ghost.token);
    expect(result.errors![0]).toMatchObject({ message: 'Your account no longer exists', extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('prevents CSRF: no simple requests', async () => {
    const get = await fetch(`${cell.gatewayUrl}?query=${encodeURIComponent('{ __typename }')}`);
    expect(get.status).toBe(400);
    const textPlain = await fetch(cell.gatewayUrl, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ __typename }"}' });
    expect(textPlain.status).toBe(400);
    const preflighted = await fetch(`${cell.gatewayUrl}?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(await preflighted.json()).toEqual({ data: { __typename: 'Query' }, extensions: { cost: { requestedNodes: 0, limit: 50_000 } } });
  });

  it('serves the explorer only when configured (production default: off)', async () => {
    const off = await fetch(cell.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(off.headers.get('content-type')).not.toContain('text/html');
    const explorer = await gatewayWith({ EXPLORER_ENABLED: 'true' });
    try {
      const page = await fetch(explorer.url, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      const html = await page.text();
      expect(html).toContain('isHeadersEditorEnabled: true');
      for (const asset of ['graphiql.js', 'graphiql.css', 'react.js', 'react-dom.js']) {
        expect(html).toContain(`/explorer/${asset}`);
        expect((await fetch(`${explorer.base}/explorer/${asset}`)).status).toBe(200);
      }
      expect((await fetch(`${explorer.base}/explorer/..%2Fpackage.json`)).status).toBe(404);
    } finally {
      await explorer.stop();
    }
  });
});

describe('response headers', () => {
  it('marks GraphQL responses nosniff and no-store, errors included', async () => {
    for (const result of [await cell.gql('{ me { id } }', {}, alice.token), await cell.gql('{ nope }', {}, alice.token)]) {
      expect(result.headers.get('x-content-type-options')).toBe('nosniff');
      expect(result.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('challenges every 401 with WWW-Authenticate', async () => {
    const refused = await cell.gql('{ __typename }', {}, undefined, { authorization: 'Basic abc' });
    expect([refused.status, refused.headers.get('www-authenticate')]).toEqual([401, 'Bearer realm="cellgraph", error="invalid_token"']);
    const anonymousIntrospection = await cell.gql('{ __schema { queryType { name } } }');
    expect([anonymousIntrospection.status, anonymousIntrospection.headers.get('www-authenticate')]).toEqual([401, 'Bearer realm="cellgraph"']);
  });
});

describe('CORS', () => {
  const preflight = (url: string, origin: string) =>
    fetch(url, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
    });
  const post = (url: string, origin: string, contentType = 'application/json') =>
    fetch(url, { method: 'POST', headers: { origin, 'content-type': contentType }, body: '{"query":"{ __typename }"}' });

  it('answers no origin by default in production', async () => {
    const response = await preflight(cell.gatewayUrl, 'http://localhost:5173');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect((await post(cell.gatewayUrl, 'https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows the configured origins, with credentials, and answers their preflight; CSRF prevention stays', async () => {
    const gateway = await gatewayWith({ CORS_ORIGINS: 'https://app.example.com, https://partner.example' });
    try {
      const allowed = await preflight(gateway.url, 'https://app.example.com');
      expect(allowed.status).toBe(204);
      expect(Object.fromEntries([...allowed.headers].filter(([name]) => name.startsWith('access-control-')))).toEqual({
        'access-control-allow-origin': 'https://app.example.com',
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers':
          'content-type, authorization, apollo-require-preflight, x-apollo-operation-name, x-request-id, x-cellgraph-session, apollographql-client-name, apollographql-client-version',
        'access-control-expose-headers': 'x-request-id, ratelimit-policy, ratelimit-limit, ratelimit-remaining, ratelimit-reset, retry-after',
        'access-control-max-age': '600',
      });
      expect(allowed.headers.get('vary')).toContain('Origin');
      const response = await post(gateway.url, 'https://partner.example');
      expect([response.headers.get('access-control-allow-origin'), response.headers.get('access-control-allow-credentials')]).toEqual([
        'https://partner.example',
        'true',
      ]);
      expect(await response.json()).toMatchObject({ data: { __typename: 'Query' } });

      const other = await preflight(gateway.url, 'https://evil.example');
      expect([other.headers.get('access-control-allow-origin'), other.headers.get('access-control-allow-credentials')]).toEqual([null, null]);
      expect((await post(gateway.url, 'https://app.example.com', 'text/plain')).status).toBe(400);
    } finally {
      await gateway.stop();
    }
  });

  it('allows any origin without credentials for *, and the SPA dev origin in development', async () => {
    const open = await gatewayWith({ CORS_ORIGINS: '*' });
    try {
      const response = await preflight(open.url, 'https://third-party.example');
      expect([response.headers.get('access-control-allow-origin'), response.headers.get('access-control-allow-credentials')]).toEqual(['*', null]);
    } finally {
      await open.stop();
    }
    const development = await gatewayWith({ NODE_ENV: 'development' });
    try {
      expect((await preflight(development.url, 'http://localhost:5173')).headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      expect((await preflight(development.url, 'http://localhost:3000')).headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await development.stop();
    }
  });
});

describe('failures of subgraphs', () => {
  let silent: Server;
  let silentPort: number;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    // Accepts connections and never answers: a hung subgraph.
    silent = createServer((socket) => {
      sockets.add(socket);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentPort = (silent.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it('answers the rest of a query when one subgraph is down, without naming internal addresses', async () => {
    const gateway = await gatewayWith({ SUBGRAPH_URL_TASKS: 'http://127.0.0.1:9/tasks/graphql' });
    try {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${alice.token}` },
        body: JSON.stringify({ query: '{ me { email } tasks { totalCount } }' }),
      });
      const body = (await response.json()) as { data: Record<string, unknown>; errors: { extensions: { code: string } }[] };
      expect(body.data).toEqual({ me: { email: alice.email }, tasks: null });
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
      expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|:9\/|ECONNREFUSED|stack/);
      // The gateway still serves: ready, with the subgraph reported as failing.
      const ready = await fetch(`${gateway.base}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ok', subgraphs: { tasks: { breaker: 'closed', consecutiveFailures: 1 } } });
      const subgraphs = (await (await fetch(`${gateway.base}/health/subgraphs`)).json()) as { subgraphs: Record<string, { status: string }> };
      expect(Object.fromEntries(Object.entries(subgraphs.subgraphs).map(([name, report]) => [name, report.status]))).toEqual(
        everySubgraph((name) => (name === 'tasks' ? 'failing' : 'ok')),
      );
    } finally {
      await gateway.stop();
    }
  });

  it('gives up on a hung subgraph after its timeout', async () => {
    const gateway = await gatewayWith({ SUBGRAPH_URL_TASKS: `http://127.0.0.1:${silentPort}/tasks/graphql`, SUBGRAPH_TIMEOUT_MS: '300' });
    try {
      const started = Date.now();
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${alice.token}` },
        body: JSON.stringify({ query: '{ me { email } tasks { totalCount } }' }),
      });
      const body = (await response.json()) as { data: Record<string, unknown>; errors: { extensions: { code: string } }[] };
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(body.data.me).toEqual({ email: alice.email });
      expect(body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await gateway.stop();
    }
  });
});

describe('health', () => {
  it('reports liveness and readiness of the gateway and every subgraph', async () => {
    const base = cell.gatewayUrl.replace(/\/graphql$/, '');
    expect(await (await fetch(`${base}/health/live`)).json()).toEqual({ status: 'ok' });
    const closed = { breaker: 'closed', consecutiveFailures: 0 };
    expect(await (await fetch(`${base}/health/ready`)).json()).toEqual({
      status: 'ok',
      subgraphs: everySubgraph(() => closed),
      // Keys are refetched when a token is verified past the refresh time: on a busy machine this file may
      // pass that time before this test, and the keys stay usable (stale), never unavailable.
      accessTokenKeys: { status: expect.stringMatching(/^(fresh|stale)$/), ageMs: expect.any(Number), identityUnreachable: false },
    });
    const ok = { status: 'ok', ...closed };
    expect(await (await fetch(`${base}/health/subgraphs`)).json()).toEqual({
      subgraphs: everySubgraph(() => ok),
    });
    const host = (await (await fetch(`${cell.subgraphsUrl}/health/ready`)).json()) as { status: string; subgraphs: Record<string, unknown> };
    expect(host.status).toBe('ok');
    expect(host.subgraphs.tasks).toEqual({ status: 'ok', checks: { postgres: 'ok', redis: 'ok' } });
  });

  it('keeps global ids opaque and typed end to end', async () => {
    const id = await createTask(alice, 'Typed id');
    expect(id).toBe(toGlobalId('Task', Buffer.from(id, 'base64url').toString().split(':')[1]!));
    const wrongType = await cell.gql('query($id: ID!) { task(id: $id) { id } }', { id: alice.userId }, alice.token);
    expect(wrongType.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
  });
});
