import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { runWithRequestContext, type RequestContext } from '../context/request-context.js';
import { matchesEventPattern } from '../events/consumers.js';
import type { PublishedEvent } from '../events/outbox.js';
import { eventQueueName } from '../events/relay.js';
import { connectRedis } from '../redis/redis.js';
import type { Logger } from '../logging/logger.js';

export type EventHandler = (event: PublishedEvent) => Promise<void>;
export type JobHandler = (data: any, job: Job) => Promise<void>;

/** The queue of a subgraph's own background jobs. */
export const jobQueueName = (subgraph: string) => `${subgraph}-jobs`;

/** Jobs run as the system, within the organization they concern. */
function systemContext(id: string, orgId: string | null): RequestContext {
  return { requestId: `job:${id}`, principal: { kind: 'system', orgId, scopes: [] } };
}

/**
 * Enqueues a subgraph's background jobs (idempotent per job id). Enqueueing is on the request
 * path, so its connection fails fast while Redis is unavailable (SERVICE_UNAVAILABLE, see
 * connectRedis) instead of holding the request until Redis returns.
 */
export class JobQueue {
  readonly queue: Queue;
  private readonly connection: Redis;

  constructor(subgraph: string, redisUrl: string, prefix: string) {
    this.connection = connectRedis(redisUrl, `cellgraph-${subgraph}-jobs`);
    this.queue = new Queue(jobQueueName(subgraph), { connection: this.connection, prefix });
  }

  async enqueue(name: string, data: Record<string, unknown> & { orgId?: string | null }, options: { jobId?: string; delay?: number } = {}): Promise<void> {
    await this.queue.add(name, data, { ...options, attempts: 8, backoff: { type: 'exponential', delay: 1_000 }, removeOnComplete: { count: 5_000 }, removeOnFail: false });
  }

  /** Repeats job `name` every `everyMs` (one schedule per cell, whatever the number of processes). */
  async schedule(name: string, everyMs: number): Promise<void> {
    await this.queue.upsertJobScheduler(name, { every: everyMs }, { name, data: {} });
  }

  async close(): Promise<void> {
    await this.queue.close();
    this.connection.disconnect();
  }
}

interface WorkerOptions {
  redisUrl: string;
  prefix: string;
  logger: Logger;
  concurrency?: number;
  /** How long a job stays locked to a worker that stopped answering (crashed) before another takes it. */
  lockMs?: number;
}

/**
 * BullMQ lock settings: a worker renews its jobs' locks while alive; when it dies, its active jobs
 * go back to the queue once the lock expires and the stalled-job check runs.
 */
export function lockOptions(lockMs: number | undefined): { lockDuration?: number; stalledInterval?: number } {
  return lockMs ? { lockDuration: lockMs, stalledInterval: lockMs } : {};
}

/** Runs a subgraph's event handlers on its event queue (at least once: handlers are idempotent). */
export function startEventWorker(subgraph: string, handlers: Record<string, EventHandler>, options: WorkerOptions): Worker<PublishedEvent> {
  const worker = new Worker<PublishedEvent>(
    eventQueueName(subgraph),
    async (job) => {
      const event = job.data;
      const matching = Object.entries(handlers).filter(([pattern]) => matchesEventPattern(pattern, event.type));
      await runWithRequestContext(systemContext(event.id, event.orgId), async () => {
        for (const [, handle] of matching) await handle(event);
      });
    },
    { connection: new Redis(options.redisUrl, { maxRetriesPerRequest: null }), prefix: options.prefix, concurrency: options.concurrency ?? 4, ...lockOptions(options.lockMs) },
  );
  worker.on('failed', (job, error) => options.logger.warn({ jobId: job?.id, type: job?.data.type, attempts: job?.attemptsMade, err: error }, 'event handler failed'));
  return worker;
}

/** Runs a subgraph's background jobs by name. */
export function startJobWorker(subgraph: string, handlers: Record<string, JobHandler>, options: WorkerOptions): Worker {
  const worker = new Worker(
    jobQueueName(subgraph),
    async (job) => {
      const handle = handlers[job.name];
      if (!handle) throw new Error(`No handler for job ${job.name}`);
      const orgId = typeof job.data?.orgId === 'string' ? job.data.orgId : null;
      await runWithRequestContext(systemContext(job.id ?? job.name, orgId), () => handle(job.data, job));
    },
    { connection: new Redis(options.redisUrl, { maxRetriesPerRequest: null }), prefix: options.prefix, concurrency: options.concurrency ?? 4, ...lockOptions(options.lockMs) },
  );
  worker.on('failed', (job, error) => options.logger.warn({ jobId: job?.id, name: job?.name, attempts: job?.attemptsMade, err: error }, 'job failed'));
  return worker;
}
