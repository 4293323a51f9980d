import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { runWithRequestContext, systemRequest, type RequestContext } from '../context/request-context.js';
import { matchesEventPattern } from '../events/consumers.js';
import { MalformedPayloadError } from '../events/contracts.js';
import type { EventInbox } from '../events/inbox.js';
import type { PublishedEvent } from '../events/outbox.js';
import { eventQueueName } from '../events/relay.js';
import { jobRequest, type JobDelegation } from '../graph/graph-client.js';
import { connectRedis } from '../redis/redis.js';
import type { Logger } from '../logging/logger.js';
import { observeEventDelivery } from '../observability/metrics.js';
import { inJobSpan, jobTraceOptions, observeJobOutcomes, watchQueueDepth } from '../observability/subgraph-metrics.js';
import type { FeatureFlags } from '../flags/feature-flags.js';
import type { JobAlerts } from './job-alerts.js';
import {
  checkSchedule,
  JobRegistry,
  jobFlagKey,
  MANUAL_RUN_PREFIX,
  repeatOptions,
  type JobRun,
  type JobRunStatus,
  type JobRunTrigger,
  type JobSchedule,
} from './job-registry.js';
import { observeScheduledRun } from './job-metrics.js';
import { jobQueueName } from './queue-names.js';

export type { JobSchedule } from './job-registry.js';

export type EventHandler = (event: PublishedEvent) => Promise<void>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a job's payload is JSON from the queue; handlers declare (typedJob: check) its shape
export type JobHandler = (data: any, job: Job) => Promise<void>;

export { jobQueueName } from './queue-names.js';

/** Jobs run as the system, within the organization they concern. */
const systemContext = (id: string, orgId: string | null): RequestContext => systemRequest(`job:${id}`, orgId);

/** A job's data carrying a job delegation (`actingFor`, see JobDelegation): the job acts for that caller. */
const actingForOf = (data: unknown): JobDelegation | null => {
  const actingFor = (data as { actingFor?: Partial<JobDelegation> } | null)?.actingFor;
  return actingFor?.principal && typeof actingFor.delegation === 'string' ? (actingFor as JobDelegation) : null;
};

/** A job runs as the caller it acts for (its events are theirs, as the enqueuing request's were), else as the system. */
function jobContext(job: Job): RequestContext {
  const actingFor = actingForOf(job.data);
  if (actingFor) return jobRequest(job.id, actingFor);
  return systemContext(job.id ?? job.name, typeof job.data?.orgId === 'string' ? job.data.orgId : null);
}

/**
 * Enqueues a subgraph's background jobs (idempotent per job id). Enqueueing is on the request
 * path, so its connection fails fast while Redis is unavailable (SERVICE_UNAVAILABLE, see
 * connectRedis) instead of holding the request until Redis returns.
 */
export class JobQueue {
  readonly queue: Queue;
  private readonly connection: Redis;
  private readonly unwatch: () => void;

  constructor(subgraph: string, redisUrl: string, prefix: string) {
    this.connection = connectRedis(redisUrl, `cellgraph-${subgraph}-jobs`);
    this.queue = new Queue(jobQueueName(subgraph), { connection: this.connection, prefix });
    this.unwatch = watchQueueDepth(this.queue);
  }

  /** Enqueues `name`; the job continues the trace of the request (or job) that enqueued it. */
  async enqueue(name: string, data: Record<string, unknown> & { orgId?: string | null }, options: { jobId?: string; delay?: number } = {}): Promise<void> {
    await this.queue.add(name, data, {
      ...options,
      ...jobTraceOptions(),
      attempts: 8,
      backoff: { type: 'exponential', delay: 1_000 },
      removeOnComplete: { count: 5_000 },
      removeOnFail: false,
    });
  }

  async close(): Promise<void> {
    this.unwatch();
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

/** A worker and how to stop it (with the connections it opened). */
export interface RunningWorker<T = unknown> {
  worker: Worker<T>;
  close(): Promise<void>;
}

/** WORKER_LOCK_MS's default: a crashed worker's jobs are taken over within seconds. */
export const DEFAULT_WORKER_LOCK_MS = 5_000;

/**
 * BullMQ lock settings. A live worker renews its jobs' locks every half lock; the stalled-job check
 * (run by every worker when it starts, then every fifth of a lock) gives the jobs of a worker that
 * died back to the queue at its second look after their lock expired. So a crashed worker's job
 * is taken over at most a lock plus two checks after the crash (BullMQ's defaults, a 30 s lock
 * and a 30 s check, made that about a minute), and within a check or two of a worker's start when
 * the lock has already run out. A worker that stalled (a blocked event loop) gets one more chance
 * before its job fails; handlers are idempotent, so a job taken over runs again harmlessly.
 */
export function lockOptions(lockMs = DEFAULT_WORKER_LOCK_MS): { lockDuration: number; stalledInterval: number; maxStalledCount: number } {
  return { lockDuration: lockMs, stalledInterval: Math.max(250, Math.round(lockMs / 5)), maxStalledCount: 2 };
}

/** The worker's own connection (BullMQ workers need `maxRetriesPerRequest: null`). */
const workerConnection = (redisUrl: string) => new Redis(redisUrl, { maxRetriesPerRequest: null });

/**
 * Runs a subgraph's event handlers on its event queue. Delivery is at least once; the inbox skips
 * an event already handled (a replay after Redis lost its data, a crashed worker's job run again).
 */
export function startEventWorker(
  subgraph: string,
  handlers: Record<string, EventHandler>,
  inbox: EventInbox,
  options: WorkerOptions,
): RunningWorker<PublishedEvent> {
  const connection = workerConnection(options.redisUrl);
  const worker = new Worker<PublishedEvent>(
    eventQueueName(subgraph),
    (job) =>
      inJobSpan(job, async () => {
        const event = job.data;
        if (await inbox.handled(event)) return;
        const matching = Object.entries(handlers).filter(([pattern]) => matchesEventPattern(pattern, event.type));
        await runWithRequestContext(systemContext(event.id, event.orgId), async () => {
          for (const [, handle] of matching) await handle(event);
        });
        await inbox.markHandled(event);
        observeEventDelivery(subgraph, event.occurredAt);
      }),
    { connection, prefix: options.prefix, concurrency: options.concurrency ?? 4, ...lockOptions(options.lockMs) },
  );
  observeJobOutcomes(worker);
  worker.on('failed', (job, error) =>
    options.logger.warn({ jobId: job?.id, type: job?.data.type, attempts: job?.attemptsMade, err: error }, failedMessage(error, 'event handler failed')),
  );
  worker.on('error', (error) => options.logger.warn({ err: error }, 'event worker error'));
  return { worker, close: closing(worker, connection) };
}

/** What a job worker needs for its schedules beyond running them: their switches and the operators' alerts. */
export interface ScheduleOptions {
  /** The cell's flags: a scheduled run whose `job.<subgraph>.<job>` is off is skipped (and recorded so). */
  features?: Pick<FeatureFlags, 'isEnabled'>;
  /** Told when a schedule failed its threshold of times in a row (see JobAlerts). */
  alerts?: JobAlerts;
}

/** What started `job`: its schedule (a job its scheduler produced), an operator (`runNow`), or neither (an ordinary job: not recorded). */
function triggerOf(job: Job, scheduled: ReadonlySet<string>): JobRunTrigger | null {
  if (job.id?.startsWith(MANUAL_RUN_PREFIX)) return 'manual';
  return job.repeatJobKey && scheduled.has(job.name) ? 'schedule' : null;
}

/**
 * Runs a subgraph's background jobs by name, and keeps its schedules: they live in Redis, so they
 * are asserted again each time the worker's connection is (re)established — after Redis came back
 * empty, the schedules are there again without restarting anything — and so is their entry in the
 * cell's JobRegistry. Each run of a schedule (or an operator's run now) is recorded there; a
 * schedule switched off (`job.<subgraph>.<job>`) is skipped. Resolves once the schedules are set.
 */
export async function startJobWorker(
  subgraph: string,
  handlers: Record<string, JobHandler>,
  schedules: readonly JobSchedule[],
  options: WorkerOptions & ScheduleOptions,
): Promise<RunningWorker> {
  for (const schedule of schedules) checkSchedule(subgraph, schedule);
  const connection = workerConnection(options.redisUrl);
  const scheduler = new Queue(jobQueueName(subgraph), { connection, prefix: options.prefix });
  const registry = new JobRegistry(connection, options.prefix);
  const scheduled = new Set(schedules.map((schedule) => schedule.job));
  const assertSchedules = async () => {
    await Promise.all(schedules.map((schedule) => scheduler.upsertJobScheduler(schedule.job, repeatOptions(schedule), { name: schedule.job, data: {} })));
    await registry.register(subgraph, schedules);
  };
  connection.on('ready', () => {
    assertSchedules().catch((error: unknown) => options.logger.warn({ err: error }, 'could not set the job schedules'));
  });
  await assertSchedules();

  const record = async (job: Job, trigger: JobRunTrigger, started: number, status: JobRunStatus, error?: unknown) => {
    const finished = Date.now();
    const run: JobRun = {
      id: String(job.id),
      subgraph,
      job: job.name,
      trigger,
      status,
      startedAt: new Date(started).toISOString(),
      finishedAt: new Date(finished).toISOString(),
      durationMs: finished - started,
      error: error === undefined ? null : error instanceof Error ? error.message : String(error),
    };
    try {
      const failures = await registry.record(run);
      observeScheduledRun(run, failures);
      if (status === 'failed' && options.alerts?.isThreshold(failures)) await options.alerts.failing(run, failures);
    } catch (recording) {
      options.logger.warn({ err: recording, jobId: job.id, name: job.name }, 'could not record the run of a scheduled job');
    }
  };

  const worker = new Worker(
    jobQueueName(subgraph),
    (job) =>
      inJobSpan(job, async () => {
        const handle = handlers[job.name];
        if (!handle) throw new Error(`No handler for job ${job.name}`);
        const run = () => runWithRequestContext(jobContext(job), () => handle(job.data, job));
        const trigger = triggerOf(job, scheduled);
        if (!trigger) return run();
        const started = Date.now();
        if (trigger === 'schedule' && options.features && !options.features.isEnabled(jobFlagKey(subgraph, job.name), { orgId: null, userId: null })) {
          return record(job, trigger, started, 'skipped');
        }
        try {
          await run();
        } catch (error) {
          await record(job, trigger, started, 'failed', error);
          throw error;
        }
        await record(job, trigger, started, 'succeeded');
      }),
    { connection, prefix: options.prefix, concurrency: options.concurrency ?? 4, ...lockOptions(options.lockMs) },
  );
  observeJobOutcomes(worker);
  worker.on('failed', (job, error) =>
    options.logger.warn({ jobId: job?.id, name: job?.name, attempts: job?.attemptsMade, err: error }, failedMessage(error, 'job failed')),
  );
  worker.on('error', (error) => options.logger.warn({ err: error }, 'job worker error'));
  const closeWorker = closing(worker, connection);
  return {
    worker,
    async close() {
      await scheduler.close();
      await closeWorker();
    },
  };
}

/** A malformed payload is not retried: it says so, so the operator looks at the dead-letter list. */
const failedMessage = (error: Error, otherwise: string) =>
  error instanceof MalformedPayloadError ? 'malformed payload, moved to the dead-letter list' : otherwise;

/** Closes `worker`, then the connection it was given (BullMQ leaves a given connection open). */
function closing(worker: Worker, connection: Redis): () => Promise<void> {
  return async () => {
    await worker.close();
    connection.disconnect();
  };
}
