import { liveEventChannel } from '@cellgraph/kernel/core';
import type { Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisServer, startProcessCell, waitFor, type ProcessCell } from '../../scripts/testing/fault-harness.js';
import { liveClient, subscribe } from '../../scripts/testing/live-client.js';
import type { TestUser } from '../../scripts/testing/cell-harness.js';

/*
 * A subscription payload whose fields span two subgraphs, while the second one is down: the
 * subscriber gets what the first answered plus SERVICE_UNAVAILABLE at the failed path, exactly as
 * a query with the same selection does — never `data: null` with INTERNAL_SERVER_ERROR.
 */

let redis: RedisServer;
let cell: ProcessCell;
let alice: TestUser;
let client: Client | undefined;
let subscriber: Redis;

beforeAll(async () => {
  redis = await RedisServer.start();
  // collaboration (comments on any node) in a host of its own, so it can be killed alone.
  cell = await startProcessCell({ redisUrl: redis.url, hosts: [['identity', 'tasks', 'crm', 'notifications'], ['collaboration']] });
  alice = await cell.signUp('Alice');
  subscriber = new Redis(redis.url);
}, 180_000);
afterAll(async () => {
  subscriber?.disconnect();
  await client?.dispose();
  await cell?.stop();
  await redis?.stop();
});

/** True once a gateway listens to Alice's organization's live channel. */
async function listening(): Promise<boolean> {
  const orgId = Buffer.from(alice.organizationId, 'base64url').toString().split(':')[1]!;
  const [, count] = (await subscriber.pubsub('NUMSUB', liveEventChannel(cell.keyPrefix, orgId))) as [string, number];
  return Number(count) > 0;
}

async function mutate(field: string, input: Record<string, unknown>, selection: string) {
  const type = `${field[0]!.toUpperCase()}${field.slice(1)}Input`;
  const result = await cell.gql(`mutation($input: ${type}!) { ${field}(input: $input) { ${selection} userErrors { code message } } }`, { input }, alice.token);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  expect(result.data![field].userErrors).toEqual([]);
  return result.data![field];
}

describe('a subscription payload when a subgraph it needs is down', { timeout: 180_000 }, () => {
  it('carries the partial data and SERVICE_UNAVAILABLE at the failed path, like a query', async () => {
    const boardId = (await mutate('boardCreate', { name: 'Live', columns: [{ name: 'Todo' }] }, 'board { id }')).board.id as string;
    const taskId = (await mutate('taskCreate', { boardId, title: 'Before' }, 'task { id }')).task.id as string;
    client = liveClient(cell.gatewayUrl, alice.token);
    const changes = subscribe(
      client,
      'subscription($boardId: ID!) { taskChanged(boardId: $boardId) { event task { id title comments(first: 5) { totalCount } } } }',
      { boardId },
    );

    await waitFor(listening, 'the gateway to listen to the organization’s live events');

    // Both subgraphs up: the whole payload.
    await mutate('taskUpdate', { id: taskId, title: 'Up' }, 'task { id }');
    // task.created may or may not have been published after the subscription started listening.
    let first = await changes.next();
    while ((first.data?.taskChanged as { event?: string } | undefined)?.event === 'task.created') first = await changes.next();
    expect(first.errors).toBeUndefined();
    expect(first.data!.taskChanged).toMatchObject({ event: 'task.updated', task: { id: taskId, comments: { totalCount: 0 } } });

    await cell.hostOf('collaboration').kill();
    const started = Date.now();
    await mutate('taskUpdate', { id: taskId, title: 'While collaboration is down' }, 'task { id }');
    const payload = await changes.next();
    console.log(`subscription payload with collaboration down arrived ${Date.now() - started} ms after the mutation:`, JSON.stringify(payload));
    expect(payload.data).toEqual({ taskChanged: { event: 'task.updated', task: { id: taskId, title: 'While collaboration is down', comments: null } } });
    expect(payload.errors).toHaveLength(1);
    expect(payload.errors![0]).toMatchObject({ message: 'A service needed for this field is unavailable', extensions: { code: 'SERVICE_UNAVAILABLE' } });

    // The same selection as a query: the same answer.
    const query = await cell.gql('query($id: ID!) { task(id: $id) { id title comments(first: 5) { totalCount } } }', { id: taskId }, alice.token);
    expect(query.data).toEqual({ task: { id: taskId, title: 'While collaboration is down', comments: null } });
    expect(query.errors!.map((error) => error.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);

    // collaboration back: whole payloads again, on the same subscription.
    await cell.hostOf('collaboration').start();
    await mutate('taskUpdate', { id: taskId, title: 'Back' }, 'task { id }');
    const back = await changes.next();
    expect(back.errors).toBeUndefined();
    expect(back.data!.taskChanged).toMatchObject({ task: { title: 'Back', comments: { totalCount: 0 } } });
  });
});
