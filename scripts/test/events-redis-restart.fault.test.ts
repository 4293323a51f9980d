import { eventQueueName, fromGlobalId, jobQueueName, readSentEmails } from '@cellgraph/kernel';
import {
  createTestDatabase,
  mutationsOf,
  startTestSubgraphs,
  testMember,
  withClient,
  type SubgraphHarness,
  type TestDatabase,
  type TestMember,
} from '@cellgraph/kernel/testing';
import { notificationsSubgraph } from '@cellgraph/notifications';
import { tasksSubgraph } from '@cellgraph/tasks';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisServer, waitFor } from '../testing/fault-harness.js';

/*
 * Issue 11, finding 1: Redis restarted empty while the cell keeps running. Task assignments are
 * committed before the outage; handled while their e-mail jobs wait in Redis (sending waits on a
 * lock of the e-mail templates); handed to the notifications queue but not yet processed (the
 * handlers wait on a lock of the notifications table); while Redis is down; and after it came back
 * empty. Every assignment must give its assignee exactly one notification and one e-mail, and the
 * recurring schedules must exist again — without restarting any process.
 */

let redis: RedisServer;
let database: TestDatabase;
let harness: SubgraphHarness;
let owner: TestMember;
const members: TestMember[] = [];

beforeAll(async () => {
  redis = await RedisServer.start();
  database = await createTestDatabase();
  harness = await startTestSubgraphs([tasksSubgraph, notificationsSubgraph], { databaseUrl: database.url, env: { REDIS_URL: redis.url } });
  owner = await testMember(database.url, 'owner');
  for (let i = 0; i < 3; i++) members.push(await testMember(database.url, 'member', owner.orgId));
  await withClient(database.url, async (client) => {
    for (const [index, member] of members.entries()) {
      await client.query('INSERT INTO notifications.recipients (org_id, user_id, email, name) VALUES ($1, $2, $3, $4)', [
        owner.orgId,
        member.userId,
        `member-${index}@restart.test`,
        `Member ${index}`,
      ]);
    }
  });
}, 120_000);
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
  await redis?.stop();
});

const count = (sql: string, params: unknown[] = []) => withClient(database.url, async (client) => Number((await client.query(sql, params)).rows[0].n));

/** Notifications per task (by the task.* event's subject), for the tasks created so far. */
async function notificationsPerTask(): Promise<Map<string, number>> {
  return withClient(database.url, async (client) => {
    const rows = (await client.query(`SELECT subject_id, count(*)::int AS n FROM notifications.notifications GROUP BY subject_id`)).rows as {
      subject_id: string;
      n: number;
    }[];
    return new Map(rows.map((row) => [row.subject_id, row.n]));
  });
}

describe('Redis restarted empty while the cell runs', () => {
  it('still notifies every assignee exactly once, and the schedules come back', async () => {
    const { mutate } = mutationsOf(() => harness, 'tasks');
    const taskIds: string[] = [];
    const assign = async (label: string, n: number) => {
      for (let i = 0; i < n; i++) {
        const assignee = members[taskIds.length % members.length]!;
        const { task } = await mutate<{ task: { id: string } }>(
          owner.principal,
          'taskCreate',
          { title: `${label} ${i}`, assigneeId: assignee.globalUserId },
          'task { id }',
        );
        taskIds.push(fromGlobalId('Task', task.id));
      }
    };
    const allNotified = async () => {
      const per = await notificationsPerTask();
      return taskIds.every((id) => (per.get(id) ?? 0) >= 1);
    };

    // Before: delivered as usual.
    await assign('Before', 4);
    await waitFor(allNotified, 'the notifications of the first assignments');

    // Handled, but their e-mail jobs not yet run: sending waits on a lock of the e-mail templates.
    const blocker = new pg.Client({ connectionString: database.url });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE notifications.email_templates IN ACCESS EXCLUSIVE MODE');
    await assign('Mailing', 8);
    await waitFor(allNotified, 'the notifications of the assignments whose e-mail waits');

    // Handed to the queue, not yet processed: the handlers wait on a lock of the notifications table.
    await blocker.query('LOCK TABLE notifications.notifications IN SHARE MODE');
    await assign('Queued', 8);
    await waitFor(async () => (await count('SELECT count(*) AS n FROM tasks.outbox WHERE published_at IS NULL')) === 0, 'the queued assignments to be relayed');

    // During: Redis is down (the queued jobs die with it); assignments still commit.
    await redis.stop();
    await assign('During', 6);
    await blocker.query('ROLLBACK');
    await blocker.end();

    // After: Redis is back, empty.
    await redis.startAgain();
    const restartedAt = Date.now();
    await assign('After', 6);
    await waitFor(allNotified, 'every assignment to be notified after the restart', 120_000).catch(async (error: unknown) => {
      const per = await notificationsPerTask();
      console.log(`[events] not recovered: notifications per task ${JSON.stringify(taskIds.map((id) => per.get(id) ?? 0))}`);
      throw error;
    });
    const recoveredMs = Date.now() - restartedAt;
    // One e-mail per notification; those whose job Redis lost come with the delivery sweep (a minute on).
    const mailsPerTask = async () => {
      const byNotification = new Map<string, number>();
      for (const mail of readSentEmails(harness.emailDir)) byNotification.set(mail.messageId, (byNotification.get(mail.messageId) ?? 0) + 1);
      const rows = await withClient(
        database.url,
        async (client) => (await client.query('SELECT id, subject_id FROM notifications.notifications')).rows as { id: string; subject_id: string }[],
      );
      const perTask = new Map<string, number>();
      for (const row of rows)
        perTask.set(row.subject_id, (perTask.get(row.subject_id) ?? 0) + (byNotification.get(`delivery-notification-email-${row.id}`) ?? 0));
      return taskIds.map((id) => perTask.get(id) ?? 0);
    };
    await waitFor(async () => (await mailsPerTask()).every((n) => n >= 1), 'every assignee’s e-mail after the restart', 240_000).catch(
      async (error: unknown) => {
        console.log(`[events] not recovered: e-mails per task ${JSON.stringify(await mailsPerTask())}`);
        throw error;
      },
    );
    const mailedMs = Date.now() - restartedAt;

    // Settled: every outbox published, no event job left anywhere; then nothing was doubled.
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const queues = ['tasks', 'notifications'].map((name) => new Queue(eventQueueName(name), { connection, prefix: harness.platform.keyPrefix }));
    try {
      await waitFor(
        async () => {
          const unpublished =
            (await count('SELECT count(*) AS n FROM tasks.outbox WHERE published_at IS NULL')) +
            (await count('SELECT count(*) AS n FROM notifications.outbox WHERE published_at IS NULL'));
          const counts = await Promise.all(queues.map((queue) => queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized')));
          return unpublished === 0 && counts.every((c) => Object.values(c).every((n) => n === 0));
        },
        'the cell to settle',
        120_000,
      );
      const per = await notificationsPerTask();
      const notified = taskIds.map((id) => per.get(id) ?? 0);
      const mailed = await mailsPerTask();
      console.log(
        `[events] ${taskIds.length} assignments (4 before; 8 handled, e-mail jobs waiting, and 8 events queued when Redis died; 6 while it was down; 6 after): ` +
          `notifications per task ${JSON.stringify(notified)}, e-mails per task ${JSON.stringify(mailed)}; all notified ${recoveredMs} ms and all mailed ${mailedMs} ms after Redis came back empty`,
      );
      expect(notified).toEqual(taskIds.map(() => 1));
      expect(mailed).toEqual(taskIds.map(() => 1));
      expect(await count("SELECT count(*) AS n FROM notifications.deliveries WHERE channel = 'email'")).toBe(taskIds.length);

      // The recurring schedules exist again (re-asserted when the workers reconnected).
      const schedulers = async (subgraph: string) => {
        const queue = new Queue(jobQueueName(subgraph), { connection, prefix: harness.platform.keyPrefix });
        try {
          return (await queue.getJobSchedulers()).map((scheduler) => scheduler.key).sort();
        } finally {
          await queue.close();
        }
      };
      await waitFor(async () => (await schedulers('notifications')).length >= 3 && (await schedulers('tasks')).length >= 2, 'the schedules to be re-asserted');
      console.log(
        `[events] schedules after the restart: notifications ${JSON.stringify(await schedulers('notifications'))}, tasks ${JSON.stringify(await schedulers('tasks'))}`,
      );
    } finally {
      await Promise.all(queues.map((queue) => queue.close()));
      connection.disconnect();
    }
  }, 300_000);
});
