import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Message } from '../i18n/messages.js';
import { jobQueueName } from './queue-names.js';

/**
 * A job a subgraph runs on a schedule: a cron `pattern` (5 or 6 fields, in `timeZone`, default UTC)
 * or every `everyMs` milliseconds — exactly one of them — and what it does (a catalog message).
 */
export interface JobSchedule {
  job: string;
  cron?: string;
  /** IANA time zone of `cron` (default UTC). */
  timeZone?: string;
  everyMs?: number;
  description: Message;
}

/** A schedule as the cell's registry holds it: declared by `subgraph`, (re)registered by its job worker. */
export interface RegisteredSchedule {
  subgraph: string;
  job: string;
  cron: string | null;
  timeZone: string | null;
  everyMs: number | null;
  description: Message;
}

export type JobRunStatus = 'succeeded' | 'failed' | 'skipped';
/** What started a run: its schedule, or an operator (`runNow`). */
export type JobRunTrigger = 'schedule' | 'manual';

/** One run of a scheduled job (one attempt). */
export interface JobRun {
  id: string;
  subgraph: string;
  job: string;
  trigger: JobRunTrigger;
  status: JobRunStatus;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  error: string | null;
}

/** A scheduled job's switch: the cell's feature flag `job.<subgraph>.<job>` (on unless a platform administrator turned it off). */
export const jobFlagKey = (subgraph: string, job: string) => `job.${subgraph}.${job}`;

/** BullMQ job ids of runs an operator asked for (`runNow`): they run even while the schedule is disabled. */
export const MANUAL_RUN_PREFIX = 'manual-';

/** How many runs the registry keeps per schedule. */
export const JOB_HISTORY_LIMIT = 100;

/** Checks a declaration: exactly one of cron and everyMs, a positive interval. */
export function checkSchedule(subgraph: string, schedule: JobSchedule): void {
  if ((schedule.cron === undefined) === (schedule.everyMs === undefined)) {
    throw new Error(`${subgraph}: schedule ${schedule.job} needs exactly one of cron and everyMs`);
  }
  if (schedule.everyMs !== undefined && !(Number.isInteger(schedule.everyMs) && schedule.everyMs > 0)) {
    throw new Error(`${subgraph}: schedule ${schedule.job} needs a positive whole everyMs`);
  }
  if (schedule.timeZone !== undefined && schedule.cron === undefined) throw new Error(`${subgraph}: schedule ${schedule.job} has a timeZone without cron`);
}

/** BullMQ's repeat options of a declaration. */
export const repeatOptions = (schedule: JobSchedule): { pattern: string; tz?: string } | { every: number } =>
  schedule.cron !== undefined ? { pattern: schedule.cron, ...(schedule.timeZone ? { tz: schedule.timeZone } : {}) } : { every: schedule.everyMs! };

const field = (subgraph: string, job: string) => `${subgraph}:${job}`;

/**
 * The cell's registry of scheduled jobs, in its Redis namespace: every job worker registers its
 * subgraph's schedules (at start and whenever its connection is ready again, like the BullMQ
 * schedulers) and records each run; anyone of the cell reads it (identity's admin view, `npm run
 * jobs`). Redis holds it as telemetry — the schedules are rebuilt from code, and whether one is
 * enabled is a feature flag (Postgres) — so a Redis that restarted empty loses only the history.
 *
 * Keys: `<prefix>:job-registry:schedules` (hash `<subgraph>:<job>` → declaration JSON),
 * `<prefix>:job-registry:runs:<subgraph>:<job>` (list of runs, newest first, capped),
 * `<prefix>:job-registry:failures` (hash `<subgraph>:<job>` → failures in a row).
 */
export class JobRegistry {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly historyLimit = JOB_HISTORY_LIMIT,
  ) {}

  private get schedulesKey() {
    return `${this.prefix}:job-registry:schedules`;
  }
  private get failuresKey() {
    return `${this.prefix}:job-registry:failures`;
  }
  private runsKey(subgraph: string, job: string) {
    return `${this.prefix}:job-registry:runs:${field(subgraph, job)}`;
  }

  /** Registers `subgraph`'s schedules, replacing what it declared before (a schedule removed from the code goes). */
  async register(subgraph: string, schedules: readonly JobSchedule[]): Promise<void> {
    const entries = schedules.map((schedule): RegisteredSchedule => ({
      subgraph,
      job: schedule.job,
      cron: schedule.cron ?? null,
      timeZone: schedule.cron !== undefined ? (schedule.timeZone ?? 'UTC') : null,
      everyMs: schedule.everyMs ?? null,
      description: { id: schedule.description.id, translations: schedule.description.translations },
    }));
    const current = new Set(entries.map((entry) => field(subgraph, entry.job)));
    const stale = (await this.redis.hkeys(this.schedulesKey)).filter((key) => key.startsWith(`${subgraph}:`) && !current.has(key));
    const multi = this.redis.multi();
    if (stale.length) multi.hdel(this.schedulesKey, ...stale);
    for (const entry of entries) multi.hset(this.schedulesKey, field(subgraph, entry.job), JSON.stringify(entry));
    await multi.exec();
  }

  /** Every registered schedule of the cell, by subgraph and job. */
  async schedules(): Promise<RegisteredSchedule[]> {
    const all = Object.values(await this.redis.hgetall(this.schedulesKey)).map((text) => JSON.parse(text) as RegisteredSchedule);
    return all.sort((a, b) => a.subgraph.localeCompare(b.subgraph) || a.job.localeCompare(b.job));
  }

  async schedule(subgraph: string, job: string): Promise<RegisteredSchedule | null> {
    const text = await this.redis.hget(this.schedulesKey, field(subgraph, job));
    return text ? (JSON.parse(text) as RegisteredSchedule) : null;
  }

  /** Records a finished run; returns the schedule's failures in a row after it (a success resets them, a skip keeps them). */
  async record(run: JobRun): Promise<number> {
    const key = field(run.subgraph, run.job);
    const multi = this.redis
      .multi()
      .lpush(this.runsKey(run.subgraph, run.job), JSON.stringify(run))
      .ltrim(this.runsKey(run.subgraph, run.job), 0, this.historyLimit - 1);
    if (run.status === 'failed') multi.hincrby(this.failuresKey, key, 1);
    else if (run.status === 'succeeded') multi.hset(this.failuresKey, key, 0);
    multi.hget(this.failuresKey, key);
    const results = (await multi.exec()) ?? [];
    const [error, failures] = results[results.length - 1] ?? [null, null];
    if (error) throw error;
    return Number(failures ?? 0);
  }

  /** Runs of a schedule, newest first, from `offset`; with how many are kept. */
  async runs(subgraph: string, job: string, offset = 0, limit = 50): Promise<{ runs: JobRun[]; total: number }> {
    const key = this.runsKey(subgraph, job);
    const [[, texts], [, total]] = (await this.redis
      .multi()
      .lrange(key, offset, offset + limit - 1)
      .llen(key)
      .exec()) as [[null, string[]], [null, number]];
    return { runs: texts.map((text) => JSON.parse(text) as JobRun), total };
  }

  async lastRun(subgraph: string, job: string): Promise<JobRun | null> {
    return (await this.runs(subgraph, job, 0, 1)).runs[0] ?? null;
  }

  async consecutiveFailures(subgraph: string, job: string): Promise<number> {
    return Number((await this.redis.hget(this.failuresKey, field(subgraph, job))) ?? 0);
  }

  /** When each of `subgraph`'s schedules runs next (BullMQ's job scheduler), by job; null when it has none. */
  async nextRuns(subgraph: string, jobs: readonly string[]): Promise<Map<string, Date | null>> {
    return this.withQueue(subgraph, async (queue) => {
      const next = new Map<string, Date | null>();
      for (const job of jobs) {
        const scheduler = await queue.getJobScheduler(job);
        next.set(job, scheduler?.next ? new Date(scheduler.next) : null);
      }
      return next;
    });
  }

  /** Queues a run of `job` at once (it runs even while disabled, and is recorded as manual); returns its BullMQ job id. */
  async runNow(subgraph: string, job: string): Promise<string> {
    const jobId = `${MANUAL_RUN_PREFIX}${randomUUID()}`;
    await this.withQueue(subgraph, (queue) => queue.add(job, {}, { jobId, attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } }));
    return jobId;
  }

  private async withQueue<T>(subgraph: string, use: (queue: Queue) => Promise<T>): Promise<T> {
    const queue = new Queue(jobQueueName(subgraph), { connection: this.redis, prefix: this.prefix });
    try {
      return await use(queue);
    } finally {
      await queue.close();
    }
  }
}
