import { ConnectionType, GraphQLDateTimeISO, GraphQLJSON, UserError } from '@cellgraph/kernel';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum ScheduledJobRunStatus {
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  SKIPPED = 'SKIPPED',
}
registerEnumType(ScheduledJobRunStatus, { name: 'ScheduledJobRunStatus', description: 'SKIPPED: the schedule was disabled when it came due.' });

export enum ScheduledJobRunTrigger {
  SCHEDULE = 'SCHEDULE',
  MANUAL = 'MANUAL',
}
registerEnumType(ScheduledJobRunTrigger, { name: 'ScheduledJobRunTrigger', description: 'MANUAL: a platform administrator’s run now.' });

@ObjectType({ description: 'One run of a scheduled job.' })
export class ScheduledJobRun {
  @Field(() => ID, { description: 'The queue’s job id.' }) id!: string;
  @Field(() => ScheduledJobRunTrigger) trigger!: ScheduledJobRunTrigger;
  @Field(() => ScheduledJobRunStatus) status!: ScheduledJobRunStatus;
  @Field(() => GraphQLDateTimeISO) startedAt!: Date;
  @Field(() => GraphQLDateTimeISO) finishedAt!: Date;
  @Field(() => Int) durationMs!: number;
  @Field(() => String, { nullable: true, description: 'Why it failed.' }) error!: string | null;
}

export const ScheduledJobRunConnection = ConnectionType(ScheduledJobRun, 'ScheduledJobRun');

@ObjectType({ description: 'A job a subgraph of the cell runs on a schedule (platform administrators).' })
export class ScheduledJob {
  @Field(() => ID, { description: '`<subgraph>/<job>`.' }) id!: string;
  @Field() subgraph!: string;
  @Field() job!: string;
  @Field(() => String, { nullable: true, description: 'Cron pattern, in `timeZone` (or null: see everyMs).' }) cron!: string | null;
  @Field(() => String, { nullable: true }) timeZone!: string | null;
  @Field(() => Float, { nullable: true, description: 'Interval in milliseconds (or null: see cron).' }) everyMs!: number | null;
  @Field({ description: 'What it does, in your language.' }) description!: string;
  @Field({ description: 'Off: its runs are skipped (the feature flag `job.<subgraph>.<job>`).' }) enabled!: boolean;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) nextRunAt!: Date | null;
  @Field(() => ScheduledJobRun, { nullable: true }) lastRun!: ScheduledJobRun | null;
  @Field(() => Int, { description: 'Failed runs since its last success.' }) consecutiveFailures!: number;
}

@ObjectType({ description: 'A queue of the cell by how many jobs are in each state.' })
export class JobQueueCounts {
  @Field() queue!: string;
  @Field(() => Int) waiting!: number;
  @Field(() => Int) active!: number;
  @Field(() => Int) delayed!: number;
  @Field(() => Int) failed!: number;
  @Field(() => Int) completed!: number;
}

@ObjectType({ description: 'A job that used up its attempts (the dead-letter list), kept until retried.' })
export class FailedJob {
  @Field(() => ID) id!: string;
  @Field() queue!: string;
  @Field() name!: string;
  @Field(() => Int) attempts!: number;
  @Field() failedReason!: string;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) failedAt!: Date | null;
  @Field(() => GraphQLJSON, { nullable: true, description: 'Its payload.' }) data!: unknown;
}

@InputType()
export class ScheduledJobSetEnabledInput {
  @Field() subgraph!: string;
  @Field() job!: string;
  @Field() enabled!: boolean;
}

@InputType()
export class ScheduledJobRunNowInput {
  @Field() subgraph!: string;
  @Field() job!: string;
}

@InputType()
export class FailedJobRetryInput {
  @Field() queue!: string;
  @Field(() => String, { nullable: true, description: 'One job (its queue id, as failedJobs lists it); omitted: every failed job of the queue.' }) jobId?:
    string | null;
}

@ObjectType()
export class ScheduledJobSetEnabledPayload {
  @Field(() => ScheduledJob, { nullable: true }) scheduledJob?: ScheduledJob;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType()
export class ScheduledJobRunNowPayload {
  @Field(() => ScheduledJob, { nullable: true }) scheduledJob?: ScheduledJob;
  @Field(() => ID, { nullable: true, description: 'The queued run’s id (see scheduledJobRuns).' }) runId?: string;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType()
export class FailedJobRetryPayload {
  @Field(() => Int, { nullable: true, description: 'How many jobs were queued again.' }) retried?: number;
  @Field(() => [UserError]) userErrors!: UserError[];
}
