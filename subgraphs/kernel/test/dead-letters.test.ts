import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { JobInspector } from '../src/index.js';
import { deleteRedisKeys, TEST_REDIS_URL } from '../src/testing/index.js';

const prefix = `cgtest:${randomBytes(6).toString('hex')}`;
const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
afterAll(async () => {
  await deleteRedisKeys(redis, prefix);
  redis.disconnect();
});

const until = async (condition: () => Promise<boolean>) => {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

describe('dead letters', () => {
  it('list the jobs that failed every attempt, and run them again once the cause is fixed', async () => {
    const queue = new Queue('tasks-jobs', { connection: redis, prefix });
    let broken = true;
    const done: string[] = [];
    const worker = new Worker(
      'tasks-jobs',
      async (job) => {
        if (broken) throw new Error('the mail server is down');
        done.push(String(job.id));
      },
      { connection: new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null }), prefix },
    );
    const inspector = new JobInspector(TEST_REDIS_URL, prefix);
    try {
      await queue.add('digest', { orgId: 'o1' }, { jobId: 'digest-1', attempts: 2, backoff: { type: 'fixed', delay: 10 }, removeOnFail: false });
      await queue.add('digest', { orgId: 'o2' }, { jobId: 'digest-2', attempts: 1, removeOnFail: false });
      await until(async () => (await queue.getFailedCount()) === 2);

      expect(await inspector.queues()).toEqual(['tasks-jobs']);
      expect(await inspector.report()).toEqual([{ queue: 'tasks-jobs', waiting: 0, active: 0, delayed: 0, failed: 2, completed: 0 }]);
      const failed = await inspector.failed();
      expect(failed.map((job) => [job.id, job.attempts, job.failedReason]).sort()).toEqual([
        ['digest-1', 2, 'the mail server is down'],
        ['digest-2', 1, 'the mail server is down'],
      ]);

      broken = false;
      expect(await inspector.retry('tasks-jobs', 'digest-2')).toBe(1);
      await until(async () => done.includes('digest-2'));
      expect(await inspector.retry('tasks-jobs')).toBe(1);
      await until(async () => done.includes('digest-1'));
      expect((await inspector.report())[0]).toMatchObject({ failed: 0, completed: 2 });
    } finally {
      inspector.close();
      await worker.close();
      await queue.close();
    }
  });
});
