import { appRole } from '@cellgraph/kernel';
import { TEST_DATABASE_URL, withClient } from '@cellgraph/kernel/testing';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLResponse } from '../runtime/graphql-client.js';
import type { TestUser } from '../testing/cell-harness.js';
import { RedisServer, startProcessCell, TcpProxy, waitFor, type ProcessCell } from '../testing/fault-harness.js';

/*
 * Postgres faults as clients see them: the server gone (a proxy in front of it closed), a
 * connection terminated (pg_terminate_backend) and a pool exhausted beyond its acquire timeout are
 * SERVICE_UNAVAILABLE with `retryAfter` — HTTP 503 with Retry-After when nothing could be served —
 * never INTERNAL_SERVER_ERROR; and the subgraphs recover by themselves once Postgres answers.
 */

const POOL_SIZE = 3;
const ACQUIRE_TIMEOUT_MS = 1_500;

let redis: RedisServer;
let proxy: TcpProxy;
let cell: ProcessCell;
let alice: TestUser;

beforeAll(async () => {
  const postgres = new URL(TEST_DATABASE_URL);
  proxy = await TcpProxy.start({ host: postgres.hostname, port: Number(postgres.port || 5432) });
  redis = await RedisServer.start();
  cell = await startProcessCell({
    redisUrl: redis.url,
    hosts: [['identity', 'tasks', 'crm', 'collaboration', 'notifications']],
    env: { DATABASE_POOL_SIZE: String(POOL_SIZE), DATABASE_POOL_ACQUIRE_TIMEOUT_MS: String(ACQUIRE_TIMEOUT_MS) },
    // The subgraphs reach Postgres through the proxy; the test's own administrator connections do not.
    hostEnv: (database) => ({ DATABASE_URL: throughProxy(database.url) }),
  });
  alice = await cell.signUp('Alice');
}, 180_000);
// A failed test must not leave Postgres unreachable for the next.
afterEach(() => proxy.open());
afterAll(async () => {
  await cell?.stop();
  await proxy?.close();
  await redis?.stop();
});

function throughProxy(url: string): string {
  const proxied = new URL(url);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(proxy.port);
  return proxied.toString();
}

const QUERY = '{ me { email } tasks { totalCount } }';
const query = () => cell.gql(QUERY, {}, alice.token);
const codes = (response: GraphQLResponse) => (response.errors ?? []).map((error) => error.extensions?.code);
const works = async () => {
  const response = await query();
  return response.status === 200 && !response.errors && response.data?.tasks?.totalCount !== undefined;
};

function expectUnavailable(response: GraphQLResponse) {
  expect(codes(response).length).toBeGreaterThan(0);
  for (const error of response.errors!) expect(error.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfter: expect.any(Number) });
}

/** Backends of tasks' app role waiting for a lock (on the table the test locked). */
async function tasksBackendsWaiting(admin: pg.Client): Promise<number[]> {
  const { rows } = await admin.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND usename = $1 AND wait_event_type = 'Lock'`,
    [appRole('tasks')],
  );
  return rows.map((row) => row.pid);
}

/** Runs `work` while tasks.tasks is locked by another transaction: every read of it waits. */
async function whileTasksLocked<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  return withClient(cell.database.url, async (locker) => {
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE tasks.tasks IN ACCESS EXCLUSIVE MODE');
    try {
      return await withClient(cell.database.url, work);
    } finally {
      await locker.query('ROLLBACK');
    }
  });
}

describe('Postgres faults', { timeout: 180_000 }, () => {
  it('Postgres unreachable: every field SERVICE_UNAVAILABLE with retryAfter, HTTP 503 + Retry-After; back by itself when it returns', async () => {
    expect(await works()).toBe(true);
    await proxy.close();
    const down = Date.now();
    const read = await query();
    const write = await cell.gql(
      'mutation { boardCreate(input: { name: "During the outage", columns: [{ name: "Todo" }] }) { board { id } userErrors { code } } }',
      {},
      alice.token,
    );
    console.log(
      `Postgres unreachable: query answered in ${Date.now() - down} ms (both): HTTP ${read.status}, Retry-After ${read.headers.get('retry-after')}`,
      JSON.stringify({ data: read.data, errors: read.errors }),
    );
    console.log(`Postgres unreachable: mutation HTTP ${write.status}`, JSON.stringify({ data: write.data, errors: write.errors }));
    for (const response of [read, write]) {
      expectUnavailable(response);
      expect(response.status).toBe(503);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(read.data).toEqual({ me: null, tasks: null });

    await proxy.open();
    const back = Date.now();
    await waitFor(works, 'queries to succeed again once Postgres answers');
    console.log(`Postgres reachable again: queries succeed after ${Date.now() - back} ms, without restarting anything`);
  });

  it('a connection terminated mid-query (pg_terminate_backend): that field SERVICE_UNAVAILABLE, the rest answered; then served again', async () => {
    const { response, terminated } = await whileTasksLocked(async (admin) => {
      const pending = query();
      await waitFor(async () => (await tasksBackendsWaiting(admin)).length > 0, 'the tasks query to wait for the lock');
      const [pid] = await tasksBackendsWaiting(admin);
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      return { response: await pending, terminated: pid };
    });
    console.log(`terminated backend ${terminated}: HTTP ${response.status}`, JSON.stringify({ data: response.data, errors: response.errors }));
    expect(response.status).toBe(200);
    expect(response.data).toEqual({ me: { email: alice.email }, tasks: null });
    expectUnavailable(response);

    // Every connection of every subgraph's app role terminated while idle: served again without a restart.
    await withClient(cell.database.url, (admin) =>
      admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND usename LIKE 'cellgraph\\_%\\_app'`),
    );
    const started = Date.now();
    const seen: string[] = [];
    await waitFor(async () => {
      const next = await query();
      seen.push(next.errors ? codes(next).join('+') : 'ok');
      return !next.errors;
    }, 'queries to succeed after the connections were terminated');
    console.log(`after terminating every idle app-role connection: ${seen.join(', ')} (${Date.now() - started} ms)`);
    expect(seen.filter((answer) => answer !== 'ok' && !/^(SERVICE_UNAVAILABLE\+?)+$/.test(answer))).toEqual([]);
  });

  it('a pool exhausted beyond DATABASE_POOL_ACQUIRE_TIMEOUT_MS: SERVICE_UNAVAILABLE while the pool is still busy; then served again', async () => {
    const { blocked, late, lockHeld } = await whileTasksLocked(async (admin) => {
      // Every pooled connection of tasks waits on the lock.
      const blocked = Array.from({ length: POOL_SIZE }, () => cell.gql('{ tasks { totalCount } }', {}, alice.token));
      await waitFor(async () => (await tasksBackendsWaiting(admin)).length >= POOL_SIZE, 'every pooled connection of tasks to be busy');
      const asked = Date.now();
      const late = await cell.gql('{ tasks { totalCount } }', {}, alice.token);
      const lockHeld = (await tasksBackendsWaiting(admin)).length >= POOL_SIZE;
      console.log(
        `pool exhausted: the next request answered after ${Date.now() - asked} ms (acquire timeout ${ACQUIRE_TIMEOUT_MS} ms): HTTP ${late.status}, Retry-After ${late.headers.get('retry-after')}`,
        JSON.stringify(late.errors),
      );
      return { blocked, late, lockHeld };
    });
    // It answered while every connection was still held (not once they were released).
    expect(lockHeld).toBe(true);
    expectUnavailable(late);
    expect(late.status).toBe(503);
    expect(late.data).toEqual({ tasks: null });
    // The requests that held the pool complete once the lock is gone, and new ones are served.
    for (const response of await Promise.all(blocked)) expect(response.errors).toBeUndefined();
    await waitFor(works, 'queries to succeed once the pool is free');
  });
});
