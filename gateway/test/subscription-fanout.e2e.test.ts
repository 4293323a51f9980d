import { createServer, request as httpRequest, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import {
  closeServer,
  InternalContextSigner,
  LIVE_BATCH_PATH,
  listen,
  liveBatchSignedBody,
  liveEventChannel,
  parseGlobalId,
  type PublishedEvent,
} from '@cellgraph/kernel/core';
import { TEST_REDIS_URL } from '@cellgraph/kernel/testing';
import { Redis } from 'ioredis';
import type { Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { supergraphPath } from '../../scripts/runtime/cells.js';
import { keysEnv } from '../../scripts/runtime/keys.js';
import { startTestCell, TEST_PASSWORD, waitForEmail, type TestCell, type TestUser } from '../../scripts/testing/cell-harness.js';
import { liveClient, subscribe, type LiveSubscription } from '../../scripts/testing/live-client.js';
import { createGateway, parseGatewayConfig, type Gateway } from '../src/index.js';

/**
 * Fan-out at scale through a gateway whose calls to the tasks subgraph pass a counting proxy:
 * 200 subscribers of one board in three permission groups, one batched live request per event,
 * a slow consumer told EVENTS_DROPPED, and nothing left behind once everybody left.
 */
const BOARD_CHANGES = 'subscription($boardId: ID!) { taskChanged(boardId: $boardId) { event task { title } } }';

let cell: TestCell;
let alice: TestUser;
let bob: TestUser;
let guest: TestUser;
let redis: Redis;
let proxy: { server: Server; url: string; counts: Map<string, number> };
let gateway: { gateway: Gateway; url: string; stop(): Promise<void> };

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

/** Waits for a condition, however busy the machine (vitest's timeout guards against hangs). */
async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 20));
}

const rawId = (globalId: string) => parseGlobalId(globalId)?.uuid ?? globalId;

/** A proxy to the subgraphs' host counting POSTs by path (`/tasks/live-batch`, `/tasks/graphql`). */
async function countingProxy(target: string): Promise<typeof proxy> {
  const counts = new Map<string, number>();
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    if (req.method === 'POST') counts.set(req.url!, (counts.get(req.url!) ?? 0) + 1);
    const forward = httpRequest({ hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode!, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as import('node:net').AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, counts };
}

let clients: Client[] = [];
afterEach(async () => {
  for (const client of clients) await client.dispose();
  clients = [];
});
function connect(who: TestUser): Client {
  const client = liveClient(gateway.url, who.token);
  clients.push(client);
  return client;
}

beforeAll(async () => {
  cell = await startTestCell();
  alice = await cell.signUp('Alice');
  bob = await invite(alice, 'bob@fanout.test', 'MEMBER');
  guest = await invite(alice, 'guest@fanout.test', 'GUEST');
  redis = new Redis(TEST_REDIS_URL);
  proxy = await countingProxy(cell.subgraphsUrl);
  const config = parseGatewayConfig({
    ...keysEnv(cell.keys),
    SUPERGRAPH_PATH: supergraphPath('all'),
    SUBGRAPH_URL_TEMPLATE: `${cell.subgraphsUrl}/{name}/graphql`,
    SUBGRAPH_URL_TASKS: `${proxy.url}/tasks/graphql`,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: cell.keyPrefix,
    MAX_PENDING_EVENTS: '2',
  });
  const created = await createGateway(config);
  const { server, url } = await listen(created.app, 0);
  created.attach(server);
  gateway = {
    gateway: created,
    url: `${url}/graphql`,
    async stop() {
      await created.stop();
      await closeServer(server);
    },
  };
});
afterAll(async () => {
  await gateway?.stop();
  if (proxy) await closeServer(proxy.server);
  redis?.disconnect();
  await cell?.stop();
});

const listening = (count: number) => until(() => gateway.gateway.liveStats().subscriptions >= count);
const board = async (who: TestUser, name: string) =>
  (await mutate(who, 'boardCreate', { name, columns: [{ name: 'Todo' }] }, 'board { id }')).board.id as string;

describe('subscription fan-out', { timeout: 300_000 }, () => {
  it('serves 200 subscribers of one board with one live request per event, each only what it may see', async () => {
    const sprint = await board(alice, 'Crowded');
    const subscribers = (who: TestUser, count: number) => {
      const connections = [connect(who), connect(who)];
      return Array.from({ length: count }, (_, i) => subscribe(connections[i % 2]!, BOARD_CHANGES, { boardId: sprint }));
    };
    const owners = subscribers(alice, 80);
    const members = subscribers(bob, 80);
    const guests = subscribers(guest, 40);
    await listening(200);
    // Three permission contexts, one document and variables: three groups.
    expect(gateway.gateway.liveStats().groups).toBe(3);
    const batchesBefore = proxy.counts.get('/tasks/live-batch') ?? 0;
    const singleBefore = proxy.counts.get('/tasks/graphql') ?? 0;

    const permitted = [...owners, ...members];
    const EVENTS = 5;
    let id = '';
    for (let i = 0; i < EVENTS; i++) {
      if (i === 0) id = (await mutate(alice, 'taskCreate', { title: 'Title 0', boardId: sprint }, 'task { id }')).task.id as string;
      else await mutate(alice, 'taskUpdate', { id, title: `Title ${i}` }, 'task { id }');
      // Each payload shows the task as it is when the event is resolved: wait for it before the next change.
      await until(() => permitted.every((s) => s.results.length > i));
    }
    for (const subscription of permitted) {
      expect(subscription.results.map((r) => r.errors)).toEqual(Array(EVENTS).fill(undefined));
      expect(subscription.results.map((r) => (r.data!.taskChanged as { task: { title: string } }).task.title)).toEqual(
        Array.from({ length: EVENTS }, (_, i) => `Title ${i}`),
      );
    }
    // Events are resolved for all groups together: the guest's answer (nothing) came with the last one.
    for (const subscription of guests) expect(subscription.results).toEqual([]);
    // One batched call per event to the subscription field's subgraph, no call per subscriber.
    expect((proxy.counts.get('/tasks/live-batch') ?? 0) - batchesBefore).toBe(EVENTS);
    // The rest of each payload (task { title } is the tasks subgraph's own) needs no other call to tasks.
    expect((proxy.counts.get('/tasks/graphql') ?? 0) - singleBefore).toBe(0);
  });

  it('tells a slow consumer how many events it lost with EVENTS_DROPPED and keeps its subscription', async () => {
    const sprint = await board(alice, 'Busy');
    // Large payloads (4 × 100,000 characters) fill the socket buffers of a consumer that stops reading.
    const id = (await mutate(alice, 'taskCreate', { title: 'Big', description: 'x'.repeat(100_000), boardId: sprint }, 'task { id }')).task.id as string;
    const heavy =
      'subscription($boardId: ID!) { taskChanged(boardId: $boardId) { event task { title description d2: description d3: description d4: description } } }';
    const slow = await rawSubscriber(gateway.url, alice.token, heavy, { boardId: sprint });
    onTestFinished(() => slow.close());
    const fast = subscribe(connect(bob), BOARD_CHANGES, { boardId: sprint });
    await listening(2);
    // Events are resolved in order per organization: once both have 'Ready', nothing earlier is pending.
    await mutate(alice, 'taskUpdate', { id, title: 'Ready' }, 'task { id }');
    const titleOf = (m: Message) => m.payload.data?.taskChanged?.task?.title as string | undefined;
    await until(
      () =>
        slow.messages.some((m) => titleOf(m) === 'Ready') &&
        fast.results.some((r) => (r.data?.taskChanged as { task?: { title?: string } } | undefined)?.task?.title === 'Ready'),
    );
    const readyAt = slow.messages.findIndex((m) => titleOf(m) === 'Ready') + 1;
    const fastReady = fast.results.length;
    slow.pause();

    const orgId = Buffer.from(alice.organizationId, 'base64url').toString().split(':')[1]!;
    const EVENTS = 80;
    const pipeline = redis.pipeline();
    for (let i = 0; i < EVENTS; i++) pipeline.publish(liveEventChannel(cell.keyPrefix, orgId), JSON.stringify(fakeEvent(orgId, rawId(id), rawId(sprint))));
    await pipeline.exec();
    await until(() => fast.results.length - fastReady >= EVENTS);

    slow.resume();
    const droppedCount = () =>
      slow.messages
        .slice(readyAt)
        .reduce((sum, m) => sum + (m.payload.errors?.[0]?.extensions?.code === 'EVENTS_DROPPED' ? Number(m.payload.errors[0].extensions.dropped) : 0), 0);
    const deliveredCount = () => slow.messages.slice(readyAt).filter((m) => m.type === 'next' && m.payload.data).length;
    // Every event is accounted for: delivered, or counted in an EVENTS_DROPPED error.
    await until(() => deliveredCount() + droppedCount() >= EVENTS);
    expect(droppedCount()).toBeGreaterThan(0);
    expect(deliveredCount() + droppedCount()).toBe(EVENTS);
    // The subscription goes on: the next change reaches the slow consumer too.
    await mutate(alice, 'taskUpdate', { id, title: 'After the burst' }, 'task { id }');
    await until(() => slow.messages.some((m) => m.payload.data?.taskChanged?.task?.title === 'After the burst'));
    expect(slow.messages.some((m) => m.type === 'complete' || m.type === 'error')).toBe(false);
  });

  it("refuses, entry by entry, a live batch asking about another organization's event, or carrying a context not signed for it", async () => {
    const stranger = await cell.signUp('Stranger');
    const signer = InternalContextSigner.create(Buffer.from(cell.keys.internalContextSecret, 'base64url'));
    const event = JSON.stringify({
      id: randomUUID(),
      type: 'task.created',
      orgId: rawId(alice.organizationId),
      data: {},
      occurredAt: new Date().toISOString(),
    });
    const request = JSON.stringify({ query: BOARD_CHANGES, variables: { boardId: randomUUID() } });
    const contextOf = (who: TestUser) => ({
      requestId: randomUUID(),
      principal: { kind: 'user' as const, userId: rawId(who.userId), orgId: rawId(who.organizationId), scopes: [] },
    });
    const entries = [
      { request, context: signer.sign(contextOf(alice), 'tasks', liveBatchSignedBody(event, request)) },
      { request, context: signer.sign(contextOf(stranger), 'tasks', liveBatchSignedBody(event, request)) },
      { request, context: signer.sign(contextOf(alice), 'crm', liveBatchSignedBody(event, request)) },
    ];
    const response = await fetch(`${cell.subgraphsUrl}/tasks${LIVE_BATCH_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ event, entries }),
    });
    const { results } = (await response.json()) as { results: Record<string, unknown>[] };
    expect(results[0]).not.toHaveProperty('refused');
    expect(results.slice(1)).toEqual([{ refused: 'FORBIDDEN' }, { refused: 'UNAUTHENTICATED' }]);
  });

  it('leaves no channel, listener, group or subscription behind once every subscriber left', async () => {
    const sprint = await board(alice, 'Emptied');
    const crowd: LiveSubscription[] = [];
    for (const who of [alice, bob, guest]) {
      const client = connect(who);
      for (let i = 0; i < 30; i++) crowd.push(subscribe(client, BOARD_CHANGES, { boardId: sprint }));
    }
    await listening(90);
    expect(gateway.gateway.liveStats()).toMatchObject({ channels: 1, listeners: 1, groups: 3 });
    for (const client of clients) await client.dispose();
    clients = [];
    await until(() => gateway.gateway.liveStats().connections === 0);
    await until(() => gateway.gateway.liveStats().channels === 0);
    expect(gateway.gateway.liveStats()).toMatchObject({ connections: 0, subscriptions: 0, groups: 0, channels: 0, listeners: 0 });
  });
});

function fakeEvent(orgId: string, taskId: string, boardId: string): PublishedEvent {
  return {
    id: randomUUID(),
    type: 'task.updated',
    orgId,
    actorId: null,
    actorApiKey: null,
    subject: { type: 'Task', id: taskId },
    data: { boardId, fields: ['title'] },
    requestId: null,
    occurredAt: new Date().toISOString(),
  };
}

type Message = {
  id?: string;
  type: string;
  payload: { data?: { taskChanged?: { task?: { title?: string } } }; errors?: { extensions?: Record<string, unknown> }[] };
};

/** A graphql-transport-ws subscriber on a raw socket that can stop reading (a slow consumer). */
async function rawSubscriber(url: string, token: string, query: string, variables: Record<string, unknown>) {
  const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
  const messages: Message[] = [];
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${token}` } })));
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as Message;
      if (message.type === 'connection_ack') {
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables } }));
        resolve();
      } else if (message.type !== 'ping' && message.type !== 'pong') messages.push(message);
    });
  });
  const tcp = (socket as unknown as { _socket: import('node:net').Socket })._socket;
  return {
    messages,
    pause: () => tcp.pause(),
    resume: () => tcp.resume(),
    close: () => socket.close(),
  };
}
