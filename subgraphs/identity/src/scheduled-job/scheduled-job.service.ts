import {
  decodeCursor,
  encodeCursor,
  evaluateFlag,
  jobFlagKey,
  JobInspector,
  JobRegistry,
  pageRequest,
  requestTranslator,
  type Connection,
  type Database,
  type FeatureFlag as Flag,
  type JobRun,
  type Redis,
  type RegisteredSchedule,
  type RequestContext,
} from '@cellgraph/kernel';
import type { FeatureFlagService } from '../feature-flag/feature-flag.service.js';
import { scheduledJobMessages } from '../messages.js';
import {
  failedJobNotFound,
  jobQueueNotFound,
  jobQueueNotFoundArgument,
  jobsPlatformAdminRequired,
  scheduledJobNotFound,
  scheduledJobNotFoundArgument,
} from './scheduled-job.errors.js';
import {
  ScheduledJobRunStatus,
  ScheduledJobRunTrigger,
  type FailedJob,
  type JobQueueCounts,
  type ScheduledJob,
  type ScheduledJobRun,
} from './scheduled-job.inputs.js';

const RUNS_ORDERING = 'scheduled-job-runs';
const NO_SUBJECT = { orgId: null, userId: null };

const toRun = (run: JobRun): ScheduledJobRun => ({
  id: run.id,
  trigger: run.trigger === 'manual' ? ScheduledJobRunTrigger.MANUAL : ScheduledJobRunTrigger.SCHEDULE,
  status: { succeeded: ScheduledJobRunStatus.SUCCEEDED, failed: ScheduledJobRunStatus.FAILED, skipped: ScheduledJobRunStatus.SKIPPED }[run.status],
  startedAt: new Date(run.startedAt),
  finishedAt: new Date(run.finishedAt),
  durationMs: run.durationMs,
  error: run.error,
});

/**
 * The cell's scheduled jobs and queues for platform administrators: the kernel's JobRegistry (which
 * every job worker of the cell registers its schedules in and records its runs in, in the cell's
 * Redis namespace — whichever process runs them) and JobInspector (queue counts, dead letters).
 * Enabled or not is the feature flag `job.<subgraph>.<job>` (Postgres, here; on unless turned off).
 */
export class ScheduledJobService {
  private readonly registry: JobRegistry;
  private readonly inspector: JobInspector;

  constructor(
    private readonly db: Database,
    redis: Redis,
    keyPrefix: string,
    private readonly featureFlags: FeatureFlagService,
  ) {
    this.registry = new JobRegistry(redis, keyPrefix);
    this.inspector = new JobInspector(redis, keyPrefix);
  }

  async list(request: RequestContext): Promise<ScheduledJob[]> {
    await this.requirePlatformAdmin(request);
    const schedules = await this.registry.schedules();
    const flags = await this.jobFlags(request);
    const next = new Map<string, Map<string, Date | null>>();
    for (const subgraph of new Set(schedules.map((schedule) => schedule.subgraph))) {
      next.set(
        subgraph,
        await this.registry.nextRuns(
          subgraph,
          schedules.filter((schedule) => schedule.subgraph === subgraph).map((schedule) => schedule.job),
        ),
      );
    }
    return Promise.all(schedules.map((schedule) => this.view(schedule, flags, next.get(schedule.subgraph)?.get(schedule.job) ?? null)));
  }

  async runs(
    request: RequestContext,
    subgraph: string,
    job: string,
    args: { first?: number | null; after?: string | null },
  ): Promise<Connection<ScheduledJobRun>> {
    await this.requirePlatformAdmin(request);
    if (!(await this.registry.schedule(subgraph, job))) throw scheduledJobNotFoundArgument();
    const page = pageRequest({ first: args.first, after: args.after });
    // The history is capped (100 runs): read it whole, page after the cursor's run (ids are unique).
    const { runs } = await this.registry.runs(subgraph, job, 0, 1_000);
    let start = 0;
    if (page.cursor) {
      const [id] = decodeCursor(page.cursor, RUNS_ORDERING, 1, 'after');
      start = runs.findIndex((run) => run.id === id) + 1; // a run that aged out: from the newest again
    }
    const slice = runs.slice(start, start + page.size).map(toRun);
    const edges = slice.map((node) => ({ cursor: encodeCursor(RUNS_ORDERING, [node.id]), node }));
    return {
      edges,
      nodes: slice,
      pageInfo: {
        hasNextPage: start + page.size < runs.length,
        hasPreviousPage: start > 0,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
      totalCount: runs.length,
    };
  }

  async setEnabled(request: RequestContext, input: { subgraph: string; job: string; enabled: boolean }): Promise<ScheduledJob> {
    await this.requirePlatformAdmin(request);
    const schedule = await this.registry.schedule(input.subgraph, input.job);
    if (!schedule) throw scheduledJobNotFound();
    const description = requestTranslator().t(scheduledJobMessages.flagDescription, {
      subgraph: schedule.subgraph,
      job: schedule.job,
      description: schedule.description.translations.en,
    });
    await this.featureFlags.set(request, { key: jobFlagKey(schedule.subgraph, schedule.job), description, defaultEnabled: input.enabled, rules: [] });
    return this.one(request, schedule);
  }

  async runNow(request: RequestContext, input: { subgraph: string; job: string }): Promise<{ scheduledJob: ScheduledJob; runId: string }> {
    await this.requirePlatformAdmin(request);
    const schedule = await this.registry.schedule(input.subgraph, input.job);
    if (!schedule) throw scheduledJobNotFound();
    const runId = await this.registry.runNow(schedule.subgraph, schedule.job);
    return { scheduledJob: await this.one(request, schedule), runId };
  }

  async queues(request: RequestContext): Promise<JobQueueCounts[]> {
    await this.requirePlatformAdmin(request);
    return this.inspector.report();
  }

  async failed(request: RequestContext, queue: string | null | undefined, first: number | null | undefined): Promise<FailedJob[]> {
    await this.requirePlatformAdmin(request);
    const { size } = pageRequest({ first });
    if (queue && !(await this.inspector.queues()).includes(queue)) throw jobQueueNotFoundArgument();
    const failed = await this.inspector.failed(queue ?? undefined, size);
    return failed
      .map((job) => ({ ...job, failedAt: job.failedAt ? new Date(job.failedAt) : null }))
      .sort((a, b) => (b.failedAt?.getTime() ?? 0) - (a.failedAt?.getTime() ?? 0))
      .slice(0, size);
  }

  async retry(request: RequestContext, input: { queue: string; jobId?: string | null }): Promise<number> {
    await this.requirePlatformAdmin(request);
    if (!(await this.inspector.queues()).includes(input.queue)) throw jobQueueNotFound();
    const retried = await this.inspector.retry(input.queue, input.jobId ?? undefined);
    if (input.jobId && !retried) throw failedJobNotFound();
    return retried;
  }

  private async one(request: RequestContext, schedule: RegisteredSchedule): Promise<ScheduledJob> {
    const next = await this.registry.nextRuns(schedule.subgraph, [schedule.job]);
    return this.view(schedule, await this.jobFlags(request), next.get(schedule.job) ?? null);
  }

  private async view(schedule: RegisteredSchedule, flags: Map<string, Flag>, nextRunAt: Date | null): Promise<ScheduledJob> {
    const flag = flags.get(jobFlagKey(schedule.subgraph, schedule.job));
    const [lastRun, consecutiveFailures] = await Promise.all([
      this.registry.lastRun(schedule.subgraph, schedule.job),
      this.registry.consecutiveFailures(schedule.subgraph, schedule.job),
    ]);
    return {
      id: `${schedule.subgraph}/${schedule.job}`,
      subgraph: schedule.subgraph,
      job: schedule.job,
      cron: schedule.cron,
      timeZone: schedule.timeZone,
      everyMs: schedule.everyMs,
      description: requestTranslator().t(schedule.description),
      enabled: flag ? evaluateFlag(flag, NO_SUBJECT) : true,
      nextRunAt,
      lastRun: lastRun ? toRun(lastRun) : null,
      consecutiveFailures,
    };
  }

  /** The `job.*` flags as stored (the record: the snapshot in this process may not have the last change yet). */
  private async jobFlags(request: RequestContext): Promise<Map<string, Flag>> {
    const rows = (await this.db.transaction(request, (em) =>
      em.query(`SELECT key, description, default_enabled, rules FROM identity.feature_flags WHERE key LIKE 'job.%'`),
    )) as { key: string; description: string; default_enabled: boolean; rules: Flag['rules'] }[];
    return new Map(rows.map((row) => [row.key, { key: row.key, description: row.description, defaultEnabled: row.default_enabled, rules: row.rules }]));
  }

  private async requirePlatformAdmin(request: RequestContext): Promise<void> {
    if (!(await this.featureFlags.isPlatformAdmin(request))) throw jobsPlatformAdminRequired();
  }
}
