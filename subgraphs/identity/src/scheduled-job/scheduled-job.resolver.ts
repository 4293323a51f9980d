import { mutationPayload, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { IdentityServices } from '../services.js';
import {
  FailedJob,
  FailedJobRetryInput,
  FailedJobRetryPayload,
  JobQueueCounts,
  ScheduledJob,
  ScheduledJobRun,
  ScheduledJobRunConnection,
  ScheduledJobRunNowInput,
  ScheduledJobRunNowPayload,
  ScheduledJobSetEnabledInput,
  ScheduledJobSetEnabledPayload,
} from './scheduled-job.inputs.js';

type Context = SubgraphContext<IdentityServices>;

/** The cell's scheduled jobs, their runs, queues and dead letters: platform administrators only (the schedules are cell-wide). */
@Resolver()
export class ScheduledJobResolver {
  constructor(private readonly services: IdentityServices) {}

  @Query(() => [ScheduledJob], { nullable: true, description: 'Every scheduled job of the cell with its next and last run (platform administrators).' })
  scheduledJobs(@Ctx() context: Context): Promise<ScheduledJob[]> {
    return this.services.scheduledJobs.list(context.request);
  }

  @Query(() => ScheduledJobRunConnection, { nullable: true, description: 'Runs of one scheduled job, newest first (the last 100; platform administrators).' })
  scheduledJobRuns(
    @Arg('subgraph') subgraph: string,
    @Arg('job') job: string,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() context: Context,
  ): Promise<Connection<ScheduledJobRun>> {
    return this.services.scheduledJobs.runs(context.request, subgraph, job, { first, after });
  }

  @Query(() => [JobQueueCounts], { nullable: true, description: 'Every queue of the cell with its job counts (platform administrators).' })
  jobQueues(@Ctx() context: Context): Promise<JobQueueCounts[]> {
    return this.services.scheduledJobs.queues(context.request);
  }

  @Query(() => [FailedJob], {
    nullable: true,
    description: 'Jobs that used up their attempts (dead letters), newest first, of one queue or all (platform administrators).',
  })
  failedJobs(
    @Arg('queue', () => String, { nullable: true }) queue: string | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Ctx() context: Context,
  ): Promise<FailedJob[]> {
    return this.services.scheduledJobs.failed(context.request, queue, first);
  }

  @Mutation(() => ScheduledJobSetEnabledPayload, {
    nullable: true,
    description: 'Switch a scheduled job on or off (its flag `job.<subgraph>.<job>`; runs of a disabled job are skipped; platform administrators).',
  })
  scheduledJobSetEnabled(
    @Arg('input', () => ScheduledJobSetEnabledInput) input: ScheduledJobSetEnabledInput,
    @Ctx() context: Context,
  ): Promise<ScheduledJobSetEnabledPayload> {
    return mutationPayload(async () => ({ scheduledJob: await this.services.scheduledJobs.setEnabled(context.request, input) }));
  }

  @Mutation(() => ScheduledJobRunNowPayload, {
    nullable: true,
    description: 'Run a scheduled job at once, even while disabled; recorded as MANUAL (platform administrators).',
  })
  scheduledJobRunNow(@Arg('input', () => ScheduledJobRunNowInput) input: ScheduledJobRunNowInput, @Ctx() context: Context): Promise<ScheduledJobRunNowPayload> {
    return mutationPayload(() => this.services.scheduledJobs.runNow(context.request, input));
  }

  @Mutation(() => FailedJobRetryPayload, {
    nullable: true,
    description: 'Queue failed jobs again: one, or every failed job of the queue (platform administrators).',
  })
  failedJobRetry(@Arg('input', () => FailedJobRetryInput) input: FailedJobRetryInput, @Ctx() context: Context): Promise<FailedJobRetryPayload> {
    return mutationPayload(async () => ({ retried: await this.services.scheduledJobs.retry(context.request, input) }));
  }
}
