import { Queue } from 'bullmq';
import { Redis } from 'ioredis';

/** One queue of the cell, by how many jobs are in each state. */
export interface QueueReport {
  queue: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
}

/** A job that used up its attempts: the dead-letter list, kept until retried or removed. */
export interface FailedJob {
  queue: string;
  id: string;
  name: string;
  attempts: number;
  failedReason: string;
  failedAt: string | null;
  data: unknown;
}

/**
 * The operator's view of the cell's queues (`npm run jobs`): every BullMQ queue under the cell's
 * key prefix — `<subgraph>-events`, `<subgraph>-jobs`, `email` — with its counts, the jobs that
 * failed for good, and retrying them once the cause is fixed.
 */
export class JobInspector {
  private readonly connection: Redis;
  private readonly owned: boolean;

  /** On a connection of its own to `redis` (a URL), or on a connection the caller gives (and closes). */
  constructor(
    redis: string | Redis,
    private readonly prefix: string,
  ) {
    this.owned = typeof redis === 'string';
    this.connection = typeof redis === 'string' ? new Redis(redis, { maxRetriesPerRequest: null }) : redis;
  }

  async queues(): Promise<string[]> {
    const names = new Set<string>();
    let cursor = '0';
    do {
      const [next, keys] = await this.connection.scan(cursor, 'MATCH', `${this.prefix}:*:meta`, 'COUNT', 500);
      cursor = next;
      for (const key of keys) names.add(key.slice(this.prefix.length + 1, -':meta'.length));
    } while (cursor !== '0');
    return [...names].sort();
  }

  async report(): Promise<QueueReport[]> {
    return Promise.all(
      (await this.queues()).map(async (queue) => {
        const counts = await this.withQueue(queue, (q) => q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed'));
        return {
          queue,
          waiting: counts.waiting ?? 0,
          active: counts.active ?? 0,
          delayed: counts.delayed ?? 0,
          failed: counts.failed ?? 0,
          completed: counts.completed ?? 0,
        };
      }),
    );
  }

  async failed(queue?: string, limit = 100): Promise<FailedJob[]> {
    const queues = queue ? [queue] : await this.queues();
    const lists = await Promise.all(
      queues.map((name) =>
        this.withQueue(name, async (q) =>
          (await q.getFailed(0, limit - 1)).map((job) => ({
            queue: name,
            id: String(job.id),
            name: job.name,
            attempts: job.attemptsMade,
            failedReason: job.failedReason,
            failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
            data: job.data,
          })),
        ),
      ),
    );
    return lists.flat();
  }

  /** Moves failed jobs (one, or all of the queue) back to be run again; returns how many. */
  async retry(queue: string, jobId?: string): Promise<number> {
    return this.withQueue(queue, async (q) => {
      const jobs = jobId ? [await q.getJob(jobId)] : await q.getFailed(0, -1);
      let retried = 0;
      for (const job of jobs) {
        if (!job || !(await job.isFailed())) continue;
        await job.retry('failed');
        retried += 1;
      }
      return retried;
    });
  }

  close(): void {
    if (this.owned) this.connection.disconnect();
  }

  private async withQueue<T>(name: string, use: (queue: Queue) => Promise<T>): Promise<T> {
    const queue = new Queue(name, { connection: this.connection, prefix: this.prefix });
    try {
      return await use(queue);
    } finally {
      await queue.close();
    }
  }
}
