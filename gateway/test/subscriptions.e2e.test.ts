import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { closeServer, listen, liveEventChannel } from '@cellgraph/kernel/core';
import { TEST_REDIS_URL } from '@cellgraph/kernel/testing';
import { Redis } from 'ioredis';
import type { Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { supergraphPath } from '../../scripts/runtime/cells.js';
import { keysEnv } from '../../scripts/runtime/keys.js';
import { startTestCell, TEST_PASSWORD, waitForEmail, type TestCell, type TestUser } from '../../scripts/testing/cell-harness.js';
import { closeCodeOf, liveClient, subscribe } from '../../scripts/testing/live-client.js';
import { graphqlRequest, type GraphQLData } from '../../scripts/runtime/graphql-client.js';
import { createGateway, parseGatewayConfig } from '../src/index.js';

const SUBSCRIPTIONS_PER_CONNECTION = 20;

let cell: TestCell;
let alice: TestUser;
let bob: TestUser;
let redis: Redis;

const BOARD_CHANGES = `subscription($boardId: ID!) {
  taskChanged(boardId: $boardId) { event changedFields actor { name } task { title assignee { id name email } } }
}`;

async function mutate(who: TestUser, field: string, input: Record<string, unknown>, selection: string) {
  const type = `${field[0]!.toUpperCase()}${field.slice(1)}Input`;
  const result = await cell.gql(`mutation($input: ${type}!) { ${field}(input: $input) { ${selection} userErrors { code message } } }`, { input }, who.token);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  expect(result.data![field].userErrors).toEqual([]);
  return result.data![field];
}

async function invite(owner: TestUser, email: string, role: 'MEMBER' | 'GUEST'): Promise<TestUser> {
  await mutate(owner, 'invitationCreate', { email, role }, 'invitation { id }');
  const { token } = await waitForEmail(cell, email);
  const accepted = await cell.gql('mutation($input: InvitationAcceptInput!) { invitationAccept(input: $input) { session { accessToken user { id } } } }', {
    input: { token, name: email.split('@')[0], password: TEST_PASSWORD },
  });
  const session = accepted.data!.invitationAccept.session;
  return { ...owner, token: session.accessToken, userId: session.user.id, email };
}

/**
 * Resolves once `condition` holds, checking it again on every turn of the event loop's timers: it
 * waits for the gateway however busy the machine is (a test that never gets there hits vitest's
 * timeout, which guards against hangs, not against slowness).
 */
async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** Resolves once `count` subscriptions are listening on this gateway. */
const listening = (count: number) => until(() => cell.gateway.liveStats().subscriptions >= count);

let clients: Client[] = [];
/** A subscription client of `who`, disposed after the test. */
function connect(who: TestUser, url = cell.gatewayUrl): Client {
  const client = liveClient(url, who.token);
  clients.push(client);
  return client;
}
afterEach(async () => {
  for (const client of clients) await client.dispose();
  clients = [];
});

const board = async (who: TestUser, name: string) =>
  (await mutate(who, 'boardCreate', { name, columns: [{ name: 'Todo' }] }, 'board { id }')).board.id as string;
const task = async (who: TestUser, boardId: string, title: string) => (await mutate(who, 'taskCreate', { title, boardId }, 'task { id }')).task.id as string;
const numsub = async (orgId: string) => {
  const channel = liveEventChannel(cell.keyPrefix, Buffer.from(orgId, 'base64url').toString().split(':')[1]!);
  return Number(((await redis.pubsub('NUMSUB', channel)) as [string, number])[1]);
};

beforeAll(async () => {
  // Credentials of open connections are checked again every 250 ms (30 s by default); a connection
  // holds at most 20 subscriptions (100 by default), so the limit is reached with little work.
  cell = await startTestCell({ env: { SUBSCRIPTION_REVALIDATE_MS: '250', MAX_SUBSCRIPTIONS_PER_CONNECTION: String(SUBSCRIPTIONS_PER_CONNECTION) } });
  alice = await cell.signUp('Alice');
  bob = await invite(alice, 'bob@live.test', 'MEMBER');
  redis = new Redis(TEST_REDIS_URL);
});
afterAll(async () => {
  redis?.disconnect();
  await cell?.stop();
});

// Tests wait for conditions, never for a time budget; the timeout only ends a test that hangs, and
// is sized for a 2-core machine shared with other test runs (a second gateway process starts here).
describe('subscriptions through the gateway', { timeout: 180_000 }, () => {
  it('tell B that A assigned a task to B — the notification and the change — with fields of two subgraphs', async () => {
    const sprint = await board(alice, 'Sprint');
    const client = connect(bob);
    const changes = subscribe(client, BOARD_CHANGES, { boardId: sprint });
    const notifications = subscribe(client, 'subscription { notificationReceived { event title subjectId actor { name email } } }');
    await listening(2);
    const id = await task(alice, sprint, 'Write the release notes');
    expect((await changes.next()).data!.taskChanged).toMatchObject({ event: 'task.created', task: { assignee: null } });
    await mutate(alice, 'taskUpdate', { id, assigneeId: bob.userId }, 'task { id }');
    expect((await notifications.next()).data!.notificationReceived).toEqual({
      event: 'task.assigned',
      title: expect.any(String),
      subjectId: id,
      actor: { name: 'Alice', email: alice.email },
    });
    const received = [await changes.next(), await changes.next()];
    expect(received.map((r) => r.errors)).toEqual([undefined, undefined]);
    expect(received.map((r) => r.data!.taskChanged)).toEqual([
      {
        event: 'task.updated',
        changedFields: ['assigneeId'],
        actor: { name: 'Alice' },
        task: { title: 'Write the release notes', assignee: { id: bob.userId, name: 'bob', email: 'bob@live.test' } },
      },
      {
        event: 'task.assigned',
        changedFields: [],
        actor: { name: 'Alice' },
        task: { title: 'Write the release notes', assignee: { id: bob.userId, name: 'bob', email: 'bob@live.test' } },
      },
    ]);
  });

  it('follow a contact: its own changes and its deals', async () => {
    const ada = (await mutate(alice, 'contactCreate', { firstName: 'Ada', lastName: 'Lovelace' }, 'contact { id }')).contact.id as string;
    const other = (await mutate(alice, 'contactCreate', { firstName: 'Grace' }, 'contact { id }')).contact.id as string;
    const changes = subscribe(connect(bob), 'subscription($id: ID!) { contactChanged(id: $id) { event contact { name } actor { email } } }', { id: ada });
    await listening(1);
    const pipelineId = (await mutate(alice, 'pipelineCreate', { name: 'Live' }, 'pipeline { id }')).pipeline.id;
    await mutate(alice, 'dealCreate', { contactId: other, pipelineId, title: 'Not Ada’s' }, 'deal { id }');
    await mutate(alice, 'dealCreate', { contactId: ada, pipelineId, title: 'Engine' }, 'deal { id }');
    await mutate(alice, 'contactConvert', { id: ada }, 'contact { id }');
    const events: { event: string }[] = [];
    // contact.created may or may not have been published before the subscription started.
    do events.push((await changes.next()).data!.contactChanged as { event: string });
    while (events.at(-1)!.event !== 'contact.converted');
    expect(events.filter((change) => change.event !== 'contact.created')).toEqual([
      { event: 'deal.created', contact: { name: 'Ada Lovelace' }, actor: { email: alice.email } },
      { event: 'contact.converted', contact: { name: 'Ada Lovelace' }, actor: { email: alice.email } },
    ]);
  });

  it('send only what the subscriber may see: nothing of another board, organization or unshared task', async () => {
    const sprint = await board(alice, 'Visible');
    const other = await board(alice, 'Other');
    const carol = await cell.signUp('Carol');
    const carolsBoard = await board(carol, 'Carol’s');
    const guest = await invite(alice, 'guest@live.test', 'GUEST');
    const clients = [connect(bob), connect(carol), connect(guest)];
    const member = subscribe(clients[0]!, BOARD_CHANGES, { boardId: sprint });
    const stranger = subscribe(clients[1]!, BOARD_CHANGES, { boardId: sprint });
    const strangerOwn = subscribe(clients[1]!, BOARD_CHANGES, { boardId: carolsBoard });
    const guestView = subscribe(clients[2]!, BOARD_CHANGES, { boardId: sprint });
    await listening(4);

    await task(alice, other, 'Elsewhere');
    const hidden = await task(alice, sprint, 'Not shared');
    await task(carol, carolsBoard, 'Carol’s own');
    expect((await member.next()).data!.taskChanged).toMatchObject({ event: 'task.created', task: { title: 'Not shared' } });
    expect((await strangerOwn.next()).data!.taskChanged).toMatchObject({ event: 'task.created', task: { title: 'Carol’s own' } });

    await mutate(alice, 'permissionGrant', { objectId: hidden, subjectId: guest.userId, relation: 'VIEWER' }, '');
    await mutate(alice, 'taskUpdate', { id: hidden, title: 'Shared now' }, 'task { id }');
    expect((await guestView.next()).data!.taskChanged).toMatchObject({ event: 'task.updated', task: { title: 'Shared now' } });
    expect((await member.next()).data!.taskChanged).toMatchObject({ event: 'task.updated', task: { title: 'Shared now' } });
    // The guest's first payload is the shared task; the stranger never heard of the other organization.
    expect(guestView.results).toHaveLength(1);
    expect(stranger.results).toEqual([]);
    expect(strangerOwn.results).toHaveLength(1);
  });

  it('authenticate in connection_init with the protocol’s close codes, and validate like queries', async () => {
    expect((await closeCodeOf(cell.gatewayUrl, {})).code).toBe(4401);
    expect((await closeCodeOf(cell.gatewayUrl, { Authorization: 'Bearer not-a-token' })).code).toBe(4403);

    const client = connect(alice);
    const unknownField = subscribe(client, 'subscription { taskChanged(boardId: "x") { nope } }');
    expect(await unknownField.ended).toMatchObject([{ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }]);
    const query = subscribe(client, '{ me { id } }');
    expect(await query.ended).toMatchObject([{ extensions: { code: 'OPERATION_NOT_SUPPORTED' } }]);
    const deep = subscribe(client, `subscription { taskChanged(boardId: "x") { task { ${'subtasks { nodes { '.repeat(8)}id${' } }'.repeat(8)} } } }`);
    expect(await deep.ended).toMatchObject([{ message: expect.stringMatching(/depth/), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }]);
    const wide = subscribe(
      client,
      `subscription { taskChanged(boardId: "x") { task { ${'subtasks(first: 100) { nodes { '.repeat(3)}id${' } }'.repeat(3)} } } }`,
    );
    expect(await wide.ended).toMatchObject([{ extensions: { code: 'QUERY_TOO_COMPLEX' } }]);

    const overHttp = await cell.gql(BOARD_CHANGES, { boardId: 'x' }, alice.token);
    expect(overHttp.errors?.[0]?.extensions?.code).toBe('SUBSCRIPTION_REQUIRES_WEBSOCKET');
  });

  it('accept an API key within its scopes, and end the connection when the key is revoked', async () => {
    const created = await mutate(alice, 'apiKeyCreate', { name: 'Board watcher', scopes: ['tasks:read'] }, 'apiKey { id } plainKey');
    const sprint = await board(alice, 'Watched by a key');
    const client = liveClient(cell.gatewayUrl, created.plainKey);
    clients.push(client);
    const changes = subscribe(client, BOARD_CHANGES, { boardId: sprint });
    await listening(1);
    await task(alice, sprint, 'Seen by the key');
    expect((await changes.next()).data!.taskChanged).toMatchObject({ event: 'task.created', task: { title: 'Seen by the key' } });
    await mutate(alice, 'apiKeyRevoke', { id: created.apiKey.id }, 'apiKey { revokedAt }');
    expect(await changes.ended).toMatchObject({ code: 4403 });
  });

  it('reach a subscriber of another gateway process', async () => {
    const second = await startGatewayProcess();
    try {
      const sprint = await board(alice, 'Across gateways');
      const client = connect(bob, second.url);
      const changes = subscribe(client, BOARD_CHANGES, { boardId: sprint });
      // The second gateway holds Redis subscriptions only for its subscribers: wait for this one.
      await until(async () => (await numsub(alice.organizationId)) >= 1);
      await task(alice, sprint, 'Made through the first gateway');
      expect((await changes.next()).data!.taskChanged).toMatchObject({ event: 'task.created', task: { title: 'Made through the first gateway' } });
      await client.dispose();
    } finally {
      second.process.kill('SIGTERM');
      await once(second.process, 'exit');
    }
  });

  it('end a payload larger than MAX_RESPONSE_BYTES with RESPONSE_TOO_LARGE, as queries are', async () => {
    const small = await gatewayWith({ MAX_RESPONSE_BYTES: '400' });
    try {
      // Mutations go through the new gateway too: after its start-up blocked this process, a kept-alive
      // socket to the first one may be closed under the next request.
      const call = async (query: string, variables: Record<string, unknown>) => {
        const result = await graphqlRequest(small.url, query, variables, { token: alice.token });
        expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
        return result.data as GraphQLData;
      };
      const sprint = (await call('mutation { boardCreate(input: { name: "Small payloads", columns: [{ name: "Todo" }] }) { board { id } } }', {})).boardCreate
        .board.id as string;
      const changes = subscribe(connect(bob, small.url), BOARD_CHANGES, { boardId: sprint });
      await until(() => small.gateway.liveStats().subscriptions === 1);
      const created = await call('mutation($input: TaskCreateInput!) { taskCreate(input: $input) { userErrors { code } } }', {
        input: { boardId: sprint, title: 'A long title '.repeat(30) },
      });
      expect(created.taskCreate.userErrors).toEqual([]);
      expect(await changes.next()).toEqual({
        errors: [
          {
            message: expect.stringMatching(/^The response would be \d+ bytes; the limit is 400\./),
            extensions: { code: 'RESPONSE_TOO_LARGE', requestId: expect.any(String) },
          },
        ],
      });
    } finally {
      await small.stop();
    }
  });

  it('return to the baseline of connections and Redis subscriptions after a crowd of subscriptions closes', async () => {
    // Correctness only; how fast 1,000 subscriptions are set up is measured by `npm run bench`.
    const sprint = await board(alice, 'Crowd');
    const baseline = { stats: cell.gateway.liveStats(), numsub: await numsub(alice.organizationId) };
    expect(baseline.stats).toEqual({ connections: 0, subscriptions: 0, groups: 0, channels: 0, listeners: 0 });
    const crowd = Array.from({ length: 4 }, () => connect(alice));
    const subscriptions = crowd.flatMap((client) =>
      Array.from({ length: SUBSCRIPTIONS_PER_CONNECTION }, () => subscribe(client, BOARD_CHANGES, { boardId: sprint })),
    );
    await listening(80);
    // Identical subscriptions form one group, which listens to the organization's channel once.
    expect(cell.gateway.liveStats()).toEqual({ connections: 4, subscriptions: 80, groups: 1, channels: 1, listeners: 1 });
    expect(await numsub(alice.organizationId)).toBe(1);

    // Half end their subscriptions one by one (a lazy client then closes its socket), half hang up.
    for (const subscription of subscriptions.slice(0, 40)) subscription.close();
    for (const client of crowd.slice(2)) await client.dispose();
    await until(() => cell.gateway.liveStats().connections === 0);
    expect(cell.gateway.liveStats()).toEqual(baseline.stats);
    await until(async () => (await numsub(alice.organizationId)) === baseline.numsub);
  });

  it('hold a connection to its subscription limit even when the subscribe messages arrive in one burst', async () => {
    const sprint = await board(alice, 'Burst');
    const client = connect(alice);
    // graphql-ws sends all of them right after the connection is acknowledged, in one burst.
    const limit = SUBSCRIPTIONS_PER_CONNECTION;
    const burst = Array.from({ length: 2 * limit }, () => subscribe(client, BOARD_CHANGES, { boardId: sprint }));
    let ended = 0;
    for (const subscription of burst) void subscription.ended.then(() => (ended += 1));
    await until(() => cell.gateway.liveStats().subscriptions + ended === burst.length);
    expect({ listening: cell.gateway.liveStats().subscriptions, refused: ended }).toEqual({ listening: limit, refused: limit });
    const refused = await Promise.all(burst.slice(limit).map((subscription) => subscription.ended));
    expect(new Set(refused.map((errors) => (errors as { extensions: { code: string } }[])[0]!.extensions.code))).toEqual(new Set(['TOO_MANY_SUBSCRIPTIONS']));

    // A closed subscription gives its slot back; the limit still holds after.
    for (const subscription of burst.slice(0, 5)) subscription.close();
    await until(() => cell.gateway.liveStats().subscriptions === limit - 5);
    const refill = Array.from({ length: 6 }, () => subscribe(client, BOARD_CHANGES, { boardId: sprint }));
    expect(await refill[5]!.ended).toMatchObject([{ extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' } }]);
    await listening(limit);
    expect(cell.gateway.liveStats().subscriptions).toBe(limit);
  });
});

/** Another gateway in this process over the same subgraphs and Redis, with its own configuration. */
async function gatewayWith(env: Record<string, string>) {
  const config = parseGatewayConfig({
    ...keysEnv(cell.keys),
    SUPERGRAPH_PATH: supergraphPath('all'),
    SUBGRAPH_URL_TEMPLATE: `${cell.subgraphsUrl}/{name}/graphql`,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: cell.keyPrefix,
    ...env,
  });
  const gateway = await createGateway(config);
  const { server, url } = await listen(gateway.app, 0);
  gateway.attach(server);
  return {
    gateway,
    url: `${url}/graphql`,
    async stop() {
      await gateway.stop();
      await closeServer(server);
    },
  };
}

/** Starts another gateway process over the same subgraphs and Redis (as a second replica would). */
async function startGatewayProcess(): Promise<{ process: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--conditions=@cellgraph/source', '--import', '@swc-node/register/esm-register', 'gateway/src/main.ts'], {
    env: {
      ...process.env,
      ...keysEnv(cell.keys),
      SUPERGRAPH_PATH: supergraphPath('all'),
      SUBGRAPH_URL_TEMPLATE: `${cell.subgraphsUrl}/{name}/graphql`,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: cell.keyPrefix,
      PORT: '0',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += String(chunk);
      const match = /"url":"(http:[^"]+\/graphql)"/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`gateway exited with ${code}: ${output}`)));
  });
  child.stdout!.resume();
  return { process: child, url };
}
