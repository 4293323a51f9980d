import { connect } from 'node:net';
import { eventQueueName, fromGlobalId, readSentEmails } from '@cellgraph/kernel';
import { testMember, withClient, type TestMember } from '@cellgraph/kernel/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../testing/cell-harness.js';
import { RedisServer, startProcessCell, waitFor, type ManagedProcess, type ProcessCell } from '../testing/fault-harness.js';
import { liveClient, subscribe } from '../testing/live-client.js';

/*
 * Issue 13: SIGTERM to a subgraph host, the gateway and a worker. Each request or job in flight is
 * held deterministically by a table lock the test takes, released only after the signal: readiness
 * turns 503 while the listener still accepts (SHUTDOWN_DRAIN_DELAY_MS), the listener closes, the
 * held work completes (whether released during the delay or after the listener closed: an accepted
 * request is answered) and the process exits 0; past SHUTDOWN_TIMEOUT_MS it exits 1 and another
 * process redoes the interrupted job once.
 */

const SHUTDOWN_TIMEOUT_MS = 8_000;
/** How long `stop` waits for an exit before SIGKILL: past the processes' own bound. */
const STOP_WAIT_MS = 60_000;
const LIFECYCLE_ENV = { SHUTDOWN_DRAIN_DELAY_MS: '2500', SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS), WORKER_LOCK_MS: '2000' };
/** A query of identity's API keys, whose table the test locks (no background work reads it). */
const API_KEYS = 'identity.api_keys';
const HELD_QUERY = '{ organization { apiKeys { totalCount } } }';
const HELD_ANSWER = { organization: { apiKeys: { totalCount: 0 } } };
/** A second held request of the host test (released during the drain delay): the caller's own user. */
const USERS = 'identity.users';
const ME_QUERY = '{ me { name } }';
const TASK = 'mutation($input: TaskCreateInput!) { taskCreate(input: $input) { task { id } userErrors { code message } } }';

let redis: RedisServer;
let cell: ProcessCell;
let owner: TestUser;
let member: TestMember;
let blocker: pg.Client;
/** Holds a second lock, released independently of `blocker`'s. */
let secondBlocker: pg.Client;
const memberEmail = 'lifecycle-member@worker.test';

beforeAll(async () => {
  redis = await RedisServer.start();
  cell = await startProcessCell({ redisUrl: redis.url, hosts: [['identity', 'tasks', 'crm', 'collaboration'], ['notifications']], env: LIFECYCLE_ENV });
  owner = await cell.signUp('Owner');
  const orgId = fromGlobalId('Organization', owner.organizationId);
  member = await testMember(cell.database.url, 'member', orgId);
  await withClient(cell.database.url, (client) =>
    client.query('INSERT INTO notifications.recipients (org_id, user_id, email, name) VALUES ($1, $2, $3, $4)', [orgId, member.userId, memberEmail, 'Member']),
  );
  blocker = new pg.Client({ connectionString: cell.database.url });
  secondBlocker = new pg.Client({ connectionString: cell.database.url });
  await Promise.all([blocker.connect(), secondBlocker.connect()]);
}, 180_000);

afterAll(async () => {
  await blocker?.end();
  await secondBlocker?.end();
  await cell?.stop();
  await redis?.stop();
});

/** Takes `lock` on `table` in a transaction of the test's own (ended by `release`). */
async function hold(table: string, mode: 'ACCESS EXCLUSIVE' | 'SHARE', client = blocker): Promise<{ release(): Promise<void> }> {
  await client.query('BEGIN');
  await client.query(`LOCK TABLE ${table} IN ${mode} MODE`);
  return { release: async () => void (await client.query('ROLLBACK')) };
}

/** Waits until `request` waits in Postgres for the test's lock on `table` (fails when the request was answered first). */
async function waitUntilHeld(request: Promise<unknown>, table: string): Promise<void> {
  let answered: unknown;
  void request.then((result) => (answered = result ?? null));
  await waitFor(async () => {
    if (answered !== undefined) throw new Error(`answered before it waited for the lock: ${JSON.stringify(answered)}`);
    const { rows } = await blocker.query('SELECT count(*) AS n FROM pg_locks WHERE NOT granted AND relation = $1::regclass', [table]);
    return Number(rows[0].n) > 0;
  }, `the request to wait for the lock on ${table}`);
}

async function readiness(process: ManagedProcess): Promise<{ status: number; body: unknown } | null> {
  try {
    const response = await fetch(`${process.baseUrl}/health/ready`, { signal: AbortSignal.timeout(2_000) });
    return { status: response.status, body: await response.json() };
  } catch {
    return null;
  }
}

const refusesConnections = (process: ManagedProcess) =>
  new Promise<boolean>((resolve) => {
    const url = new URL(process.baseUrl);
    const socket = connect(Number(url.port), url.hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });

/** Sends SIGTERM and waits until readiness reports draining while the process still accepts connections; resolves with its exit. */
async function terminate(process: ManagedProcess): Promise<{ exited: Promise<number | NodeJS.Signals | null> }> {
  const exited = process.stop(STOP_WAIT_MS);
  let draining: Awaited<ReturnType<typeof readiness>> = null;
  await waitFor(async () => {
    const ready = await readiness(process);
    if (ready?.status === 503) draining = ready;
    return draining !== null;
  }, `${process.name} readiness to report draining`);
  expect(draining).toEqual({ status: 503, body: { status: 'draining' } });
  expect(await refusesConnections(process)).toBe(false);
  return { exited };
}

const listenerClosed = (process: ManagedProcess) => waitFor(() => refusesConnections(process), `${process.name} to close its listener`);

describe('SIGTERM', () => {
  it('a subgraph host turns unready, answers the requests in flight (during the delay and after its listener closed) and exits 0', async () => {
    const host = cell.hostOf('identity');
    const lock = await hold(API_KEYS, 'ACCESS EXCLUSIVE');
    const inFlight = cell.gql(HELD_QUERY, {}, owner.token);
    await waitUntilHeld(inFlight, API_KEYS);
    const meLock = await hold(USERS, 'ACCESS EXCLUSIVE', secondBlocker);
    const meInFlight = cell.gql(ME_QUERY, {}, owner.token);
    await waitUntilHeld(meInFlight, USERS);

    const { exited } = await terminate(host);
    await meLock.release();
    const me = await meInFlight;
    expect(me).toMatchObject({ status: 200, data: { me: { name: 'Owner' } } });
    expect(me.errors).toBeUndefined();
    await listenerClosed(host);
    await lock.release();
    const answer = await inFlight;
    expect(answer).toMatchObject({ status: 200, data: HELD_ANSWER });
    expect(answer.errors).toBeUndefined();
    expect(await exited).toBe(0);
    await host.start();
  }, 90_000);

  it('the gateway answers the request in flight, closes subscription sockets with 1012 (Service Restart), then exits 0', async () => {
    const gateway = cell.gateway;
    const client = liveClient(cell.gatewayUrl, owner.token);
    const connected = new Promise<void>((resolve) => client.on('connected', () => resolve()));
    const subscription = subscribe(client, 'subscription { notificationReceived { id } }');
    await connected;
    const lock = await hold(API_KEYS, 'ACCESS EXCLUSIVE');
    const inFlight = cell.gql(HELD_QUERY, {}, owner.token);
    await waitUntilHeld(inFlight, API_KEYS);

    const { exited } = await terminate(gateway);
    await listenerClosed(gateway);
    expect(await subscription.ended).toMatchObject({ code: 1012, reason: 'Service restart: reconnect' });
    await lock.release();
    const answer = await inFlight;
    expect(answer).toMatchObject({ status: 200, data: HELD_ANSWER });
    expect(answer.errors).toBeUndefined();
    expect(await exited).toBe(0);
    await client.dispose();
    await gateway.start();
  }, 90_000);

  describe('a worker handling an event', () => {
    let connection: Redis;
    let events: Queue;
    const notifications = async () =>
      Number((await blocker.query('SELECT count(*) AS n FROM notifications.notifications WHERE recipient_id = $1', [member.userId])).rows[0].n);
    const mails = () => readSentEmails(cell.emailDir).filter((mail) => mail.to === memberEmail);
    const settled = async () => {
      const queues = [events, new Queue('email', { connection, prefix: cell.keyPrefix })];
      try {
        const counts = await Promise.all(queues.map((queue) => queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized')));
        return counts.every((c) => Object.values(c).every((n) => n === 0));
      } finally {
        await queues[1]!.close();
      }
    };
    /** Assigns a task to the member: its notification is the event the worker handles. */
    const assign = async (title: string) => {
      const created = await cell.gql(TASK, { input: { title, assigneeId: member.globalUserId } }, owner.token);
      expect(created.errors ?? created.data?.taskCreate.userErrors).toEqual([]);
      await waitFor(async () => (await events.getJobCounts('active')).active > 0, 'the worker to take the event');
    };

    beforeAll(() => {
      connection = new Redis(redis.url, { maxRetriesPerRequest: null });
      events = new Queue(eventQueueName('notifications'), { connection, prefix: cell.keyPrefix });
    });
    afterAll(async () => {
      await events?.close();
      connection?.disconnect();
    });

    it('lets the running job finish before it exits 0; the job is done once', async () => {
      const worker = cell.hostOf('notifications');
      const lock = await hold('notifications.notifications', 'SHARE');
      await assign('Assigned before SIGTERM');

      const { exited } = await terminate(worker);
      await listenerClosed(worker);
      expect(await notifications()).toBe(0);
      await lock.release();
      expect(await exited).toBe(0);
      expect(await notifications()).toBe(1);

      await worker.start();
      await waitFor(settled, 'the queues to drain');
      await waitFor(() => mails().length > 0, 'the e-mail');
      expect(await notifications()).toBe(1);
      expect(mails()).toHaveLength(1);
    }, 90_000);

    it('exits 1 once SHUTDOWN_TIMEOUT_MS has passed; the interrupted job is redone once by the next process', async () => {
      const worker = cell.hostOf('notifications');
      const lock = await hold('notifications.notifications', 'SHARE');
      await assign('Assigned before a SIGTERM that times out');
      const signalledAt = Date.now();
      const { exited } = await terminate(worker);
      expect(await exited).toBe(1);
      expect(Date.now() - signalledAt).toBeGreaterThanOrEqual(SHUTDOWN_TIMEOUT_MS - 100);
      await lock.release();
      expect(await notifications()).toBe(1);

      await worker.start();
      await waitFor(async () => (await notifications()) === 2, 'the interrupted job to be redone');
      await waitFor(settled, 'the queues to drain');
      await waitFor(() => mails().length === 2, 'its e-mail');
      expect(await notifications()).toBe(2);
      expect(mails()).toHaveLength(2);
    }, 90_000);
  });
});
