import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { cellEventConsumers, readSentEmails } from '@cellgraph/kernel';
import {
  createTestDatabase,
  deleteRedisKeys,
  mutationsOf,
  startTestSubgraphs,
  TEST_APP_PASSWORD,
  TEST_REDIS_URL,
  testInternalKeys,
  testMember,
  withClient,
  type SubgraphHarness,
  type TestDatabase,
  type TestMember,
} from '@cellgraph/kernel/testing';
import { notificationsSubgraph } from '../src/index.js';
import { Redis } from 'ioredis';
import { catalog } from '../../../scripts/runtime/catalog.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './helpers.js';

/*
 * The notifications worker runs in its own process here (as in a deployed cell); tasks, in this
 * process, produces the events. The worker is killed (SIGKILL: no cleanup) in the middle of a
 * batch and started again: BullMQ hands the jobs it held to the new one once their lock expires.
 */

const TASKS = 60;
const prefix = `cgtest:${randomBytes(6).toString('hex')}`;
let database: TestDatabase;
let harness: SubgraphHarness;
let redis: Redis;
let mailDir: string;
let env: NodeJS.ProcessEnv;
let owner: TestMember;
const members: TestMember[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  mailDir = mkdtempSync(join(tmpdir(), 'cellgraph-crash-mail-'));
  const keys = testInternalKeys();
  // Same key prefix and e-mail sink as the worker process: this process's e-mail worker shares the queue.
  // The cell is tasks and notifications: the tasks relay here routes to the worker process.
  const eventConsumers = JSON.stringify(cellEventConsumers([catalog.tasks!, notificationsSubgraph]));
  harness = await startTestSubgraphs([catalog.tasks!], {
    databaseUrl: database.url,
    internalKeys: keys,
    env: { REDIS_KEY_PREFIX: prefix, EMAIL_SINK_DIR: mailDir, CELL_EVENT_CONSUMERS: eventConsumers },
  });
  redis = new Redis(TEST_REDIS_URL);
  owner = await testMember(database.url, 'owner');
  for (let i = 0; i < 6; i++) members.push(await testMember(database.url, 'member', owner.orgId));
  // Their addresses, as identity's membership.created events would have given them.
  await withClient(database.url, async (client) => {
    for (const [index, member] of members.entries()) {
      await client.query('INSERT INTO notifications.recipients (org_id, user_id, email, name) VALUES ($1, $2, $3, $4)', [
        owner.orgId,
        member.userId,
        `member-${index}@crash.test`,
        `Member ${index}`,
      ]);
    }
  });
  env = {
    ...process.env,
    DATABASE_URL: database.url,
    DATABASE_APP_PASSWORD: TEST_APP_PASSWORD,
    ...keys.env(['notifications']),
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    CELL_EVENT_CONSUMERS: eventConsumers,
    EMAIL_SINK_DIR: mailDir,
    PUSH_SINK_DIR: mailDir,
    WORKERS: 'on',
    WORKER_LOCK_MS: '1000',
    PORT: '0',
    LOG_LEVEL: 'info',
  };
});
afterAll(async () => {
  await harness?.stop();
  await deleteRedisKeys(redis, prefix);
  redis?.disconnect();
  await database?.drop();
  rmSync(mailDir, { recursive: true, force: true });
});

/** Starts the notifications subgraph (and its workers) in a child process; resolves once it serves. */
async function startWorker(): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--conditions=@cellgraph/source', '--import', '@swc-node/register/esm-register', 'subgraphs/notifications/src/main.ts'],
    { env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += String(chunk);
      if (output.includes('notifications subgraph listening')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}: ${output}`)));
  });
  return child;
}

const count = (sql: string) => withClient(database.url, async (client) => Number((await client.query(sql)).rows[0].n));

describe('a notifications worker killed in the middle of a batch', () => {
  it('delivers every notification exactly once to its recipient after it restarts', async () => {
    let worker = await startWorker();
    const { mutate } = mutationsOf(() => harness, 'tasks');
    const expected = new Map<string, number>();
    // Assignments keep coming while the worker dies and comes back.
    const producing = (async () => {
      for (let i = 0; i < TASKS; i++) {
        const assignee = members[i % members.length]!;
        await mutate(owner.principal, 'taskCreate', { title: `Batch ${i}`, assigneeId: assignee.globalUserId }, 'task { id }');
        expected.set(assignee.userId, (expected.get(assignee.userId) ?? 0) + 1);
      }
    })();
    const partial = await eventually(
      () => count('SELECT count(*) AS n FROM notifications.notifications'),
      (n) => n >= 5,
      20_000,
    );
    worker.kill('SIGKILL');
    await once(worker, 'exit');
    const atKill = await count('SELECT count(*) AS n FROM notifications.notifications');
    const mailedAtKill = readSentEmails(mailDir).length;
    expect(partial).toBeGreaterThanOrEqual(5);
    // Killed mid-batch: some work was done, some was not.
    expect(atKill < TASKS || mailedAtKill < TASKS).toBe(true);

    await producing;
    worker = await startWorker();
    try {
      // A delivery is marked sent when its transaction hands the e-mail to the mail queue, whose
      // worker (in either process) writes the file: the two finish in either order.
      const sentAndMailed = () =>
        Promise.all([count("SELECT count(*) AS n FROM notifications.deliveries WHERE channel = 'email' AND status = 'sent'"), readSentEmails(mailDir).length]);
      const [sent, mailed] = await eventually(sentAndMailed, ([s, m]) => s >= TASKS && m >= TASKS, 60_000);
      expect(sent).toBe(TASKS);
      expect(mailed).toBe(TASKS);
      const rows = await withClient(
        database.url,
        async (client) =>
          (await client.query('SELECT recipient_id, count(*)::int AS n FROM notifications.notifications GROUP BY recipient_id')).rows as {
            recipient_id: string;
            n: number;
          }[],
      );
      expect(new Map(rows.map((row) => [row.recipient_id, row.n]))).toEqual(expected);
      // One e-mail per notification: none lost, none twice.
      const mails = readSentEmails(mailDir);
      expect(new Set(mails.map((mail) => mail.messageId)).size).toBe(TASKS);
      const perRecipient = new Map<string, number>();
      for (const mail of mails) perRecipient.set(mail.to, (perRecipient.get(mail.to) ?? 0) + 1);
      expect([...perRecipient.values()].reduce((a, b) => a + b, 0)).toBe(TASKS);
      expect(perRecipient.get('member-0@crash.test')).toBe(expected.get(members[0]!.userId));
      // Nothing more arrives later (a stalled job run twice would add a file).
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(readSentEmails(mailDir)).toHaveLength(TASKS);
    } finally {
      worker.kill('SIGTERM');
      await once(worker, 'exit');
    }
  }, 120_000);
});
