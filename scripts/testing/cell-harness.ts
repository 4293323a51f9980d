import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventQueueName, readSentEmails, type SentEmail } from '@cellgraph/kernel';
import {
  createTestDatabase,
  deleteRedisKeys,
  TEST_APP_PASSWORD,
  TEST_REDIS_URL,
  testPlatformEnv,
  withClient,
  type TestDatabase,
} from '@cellgraph/kernel/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { catalog } from '../runtime/catalog.js';
import { startCell, type RunningCell } from '../runtime/cell.js';
import { loadCell, type Cell } from '../runtime/cells.js';
import { graphqlData, graphqlRequest, type GraphQLData, type GraphQLResponse } from '../runtime/graphql-client.js';
import { generateCellKeys, type CellKeys } from '../runtime/keys.js';

export interface TestUser {
  token: string;
  refreshToken: string;
  userId: string;
  organizationId: string;
  email: string;
  password: string;
}

export interface TestCell extends RunningCell {
  cell: Cell;
  keys: CellKeys;
  database: TestDatabase;
  /** Redis key prefix of this cell instance (unique to the test). */
  keyPrefix: string;
  /** Where the cell's e-mail arrives. */
  emailDir: string;
  gql<T = GraphQLData>(query: string, variables?: Record<string, unknown>, token?: string, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** Registers a new user (with a new organization) through the gateway. */
  signUp(name?: string): Promise<TestUser>;
}

export const TEST_PASSWORD = 'Correct-Horse-9-battery';

/**
 * A running cell for end-to-end tests: its own database, fresh keys, the cell's subgraphs on one
 * host and the gateway, all on ports the system picks.
 */
export async function startTestCell(options: { cell?: string; env?: Record<string, string>; supergraphPath?: string } = {}): Promise<TestCell> {
  const cell = loadCell(options.cell ?? 'all');
  const wholeCatalog = cell.subgraphs.length === Object.keys(catalog).length;
  const database = await createTestDatabase(wholeCatalog ? undefined : cell.subgraphs);
  const keys = await generateCellKeys();
  const emailDir = mkdtempSync(join(tmpdir(), 'cellgraph-mail-'));
  const platformEnv = testPlatformEnv(emailDir, cell.name);
  const keyPrefix = platformEnv.REDIS_KEY_PREFIX;
  let running: RunningCell;
  try {
    running = await startCell({
      cell,
      databaseUrl: database.url,
      appPassword: TEST_APP_PASSWORD,
      redisUrl: TEST_REDIS_URL,
      keys,
      supergraphPath: options.supergraphPath,
      // Tests act as a few users from one address: rate limits are raised out of their way
      // (the rate-limit tests set their own). The gateway's wait for a subgraph is a hang guard
      // here, not a budget: on CI's busy cores a batch of mutations (fixtures seed by the dozen in
      // one document) may take longer than production's 10 s (the timeout tests set their own).
      env: {
        DATABASE_POOL_SIZE: '4',
        USER_RATE_LIMIT: '100000',
        ANONYMOUS_RATE_LIMIT: '100000',
        SUBGRAPH_TIMEOUT_MS: '60000',
        // Likewise a pool's wait for a connection (and for a server slot, see SlotWaitingPool):
        // several whole cells on CI's one Postgres can hold its 100 connections for a while, until
        // idle ones close; the pool-exhaustion tests set their own bound. Idle connections close
        // after 2 s rather than production's 30 s, so a quiet cell gives its slots back to the others.
        DATABASE_POOL_ACQUIRE_TIMEOUT_MS: '60000',
        DATABASE_POOL_IDLE_TIMEOUT_MS: '2000',
        // One process relays and handles its own events: a relay publishes its writes on commit, so
        // its poll (for other processes' writes) can be slow, and no worker of it dies alone, so its
        // stalled-job checks can be rare. The cell then costs little while it waits (the crash tests set their own).
        OUTBOX_POLL_INTERVAL_MS: '1000',
        WORKER_LOCK_MS: '30000',
        ...platformEnv,
        ...options.env,
      },
    });
  } catch (error) {
    await database.drop();
    throw error;
  }
  const gql: TestCell['gql'] = (query, variables = {}, token, headers) => graphqlRequest(running.gatewayUrl, query, variables, { token, headers });
  return {
    ...running,
    cell,
    keys,
    database,
    keyPrefix,
    emailDir,
    gql,
    signUp: (name) => signUpThrough(running.gatewayUrl, name),
    async stop() {
      await running.stop();
      await database.drop();
      const redis = new Redis(TEST_REDIS_URL);
      await deleteRedisKeys(redis, keyPrefix);
      redis.disconnect();
      rmSync(emailDir, { recursive: true, force: true });
    },
  };
}

/** Registers a new user (with a new organization) through the gateway at `gatewayUrl`. */
export async function signUpThrough(gatewayUrl: string, name = 'Test User'): Promise<TestUser> {
  const email = `user-${randomBytes(5).toString('hex')}@example.test`;
  type Registered = { userRegister: { session: { accessToken: string; refreshToken: string; user: { id: string }; organization: { id: string } } } };
  const data = await graphqlData<Registered>(
    gatewayUrl,
    `mutation($input: UserRegisterInput!) { userRegister(input: $input) { session { accessToken refreshToken user { id } organization { id } } userErrors { code message } } }`,
    { input: { email, name, password: TEST_PASSWORD } },
  );
  const session = data.userRegister.session;
  return {
    token: session.accessToken,
    refreshToken: session.refreshToken,
    userId: session.user.id,
    organizationId: session.organization.id,
    email,
    password: TEST_PASSWORD,
  };
}

/**
 * Waits for the `index`-th e-mail to `to` (optionally with a subject starting with `subject`) in
 * the cell's sink, and returns it with the token of the link it carries.
 */
export async function waitForEmail(
  cell: Pick<TestCell, 'emailDir'>,
  to: string,
  options: { subject?: string; index?: number; timeoutMs?: number } = {},
): Promise<SentEmail & { token: string }> {
  // A hang guard, not a budget: mail is sent after commit, by a busy machine's queue.
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    const mail = readSentEmails(cell.emailDir).filter((m) => m.to === to && (!options.subject || m.subject.startsWith(options.subject)))[options.index ?? 0];
    if (mail) return { ...mail, token: decodeURIComponent(/token=([^\s&]+)/.exec(mail.text)?.[1] ?? '') };
    if (Date.now() > deadline) throw new Error(`No e-mail to ${to} arrived`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Waits until the cell has nothing left to do with the events written so far: every outbox
 * published and no event job waiting or running (so projections such as the activity feed are
 * complete), and `also` (if given) holds. Waits for the condition, not for a time budget.
 */
export async function waitUntilSettled(cell: TestCell, also?: (db: import('pg').Client) => Promise<boolean>): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const queues = cell.cell.subgraphs.map((subgraph) => new Queue(eventQueueName(subgraph.name), { connection: redis, prefix: cell.keyPrefix }));
  try {
    await withClient(cell.database.url, async (db) => {
      // Settled twice in a row: a job may commit new outbox rows between the two counts of one pass.
      // The second pass follows at once: it needs two separate looks, not a pause between them (an
      // event is always in sight, as an unpublished row or as a job — the relay hands it over
      // before it marks it published, in one transaction).
      for (let settledPasses = 0; settledPasses < 2;) {
        let unpublished = 0;
        for (const subgraph of cell.cell.subgraphs)
          unpublished += Number((await db.query(`SELECT count(*) FROM ${subgraph.name}.outbox WHERE published_at IS NULL`)).rows[0].count);
        const jobs = await Promise.all(queues.map((queue) => queue.getJobCounts('waiting', 'active', 'prioritized', 'paused', 'delayed')));
        const pending = jobs.reduce((sum, counts) => sum + Object.values(counts).reduce((a, b) => a + b, 0), 0);
        settledPasses = unpublished === 0 && pending === 0 && (!also || (await also(db))) ? settledPasses + 1 : 0;
        if (settledPasses === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
  } finally {
    await Promise.all(queues.map((queue) => queue.close()));
    redis.disconnect();
  }
}
