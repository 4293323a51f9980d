import { DeletePayload, GraphQLDateTimeISO, IdInput, mutationPayload, type SubgraphContext, UserError } from '@cellgraph/kernel';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, registerEnumType, Resolver, Root } from 'type-graphql';
import type { TasksServices } from '../services.js';
import { Task } from '../task/task.entity.js';
import { timeEntriesOf } from '../task/task.loaders.js';
import { loadTask } from '../task/task.resolver.js';
import { UserRef } from '../user/user.ref.js';
import { TimeEntry } from './time-entry.entity.js';
import { TimeGrouping, type TimeReportRow } from './time.service.js';

type Context = SubgraphContext<TasksServices>;

registerEnumType(TimeGrouping, { name: 'TimeGrouping' });

@InputType()
export class TimerStartInput {
  @Field(() => ID) taskId!: string;
  @Field(() => Boolean, { nullable: true }) billable?: boolean | null;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@InputType()
export class TimeEntryCreateInput {
  @Field(() => ID) taskId!: string;
  @Field(() => GraphQLDateTimeISO) startedAt!: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Give the end or the duration.' }) endedAt?: Date | null;
  @Field(() => Int, { nullable: true }) durationSeconds?: number | null;
  @Field(() => Boolean, { nullable: true }) billable?: boolean;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@InputType()
export class TimeEntryUpdateInput {
  @Field(() => ID) id!: string;
  @Field(() => Boolean, { nullable: true }) billable?: boolean | null;
  @Field(() => String, { nullable: true }) note?: string | null;
}

const TimeEntryDeleteInput = IdInput('TimeEntryDeleteInput');

@InputType()
export class TimeReportInput {
  @Field(() => GraphQLDateTimeISO) from!: Date;
  @Field(() => GraphQLDateTimeISO, { description: 'Exclusive.' }) to!: Date;
  @Field(() => [TimeGrouping], { description: 'Any of TASK, USER and one period (DAY, WEEK, MONTH).' }) groupBy!: TimeGrouping[];
  @Field(() => [ID], { nullable: true }) userIds?: string[] | null;
  @Field(() => [ID], { nullable: true }) taskIds?: string[] | null;
  @Field(() => Boolean, { nullable: true }) billableOnly?: boolean | null;
}

@ObjectType()
export class TimeEntryPayload {
  @Field(() => TimeEntry, { nullable: true }) timeEntry?: TimeEntry;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType('TimeReportRow', { description: 'Time tracked for one combination of the grouping dimensions.' })
export class TimeReportRowType {
  taskId!: string | null;
  userId!: string | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Start of the period, when grouped by period.' }) period!: Date | null;
  @Field(() => Int) totalSeconds!: number;
  @Field(() => Int) billableSeconds!: number;
  @Field(() => Int) entries!: number;
}

const TimeEntryDeletePayload = DeletePayload('TimeEntryDeletePayload', 'deletedTimeEntryId');

@Resolver(() => TimeEntry)
export class TimeEntryResolver {
  constructor(private readonly services: TasksServices) {}

  @FieldResolver(() => Task, { nullable: true })
  task(@Root() entry: TimeEntry, @Ctx() context: Context): Promise<Task | null> {
    return loadTask(context, entry.taskId);
  }

  @FieldResolver(() => UserRef)
  user(@Root() entry: TimeEntry): UserRef {
    return UserRef.of(entry.userId);
  }

  @Query(() => TimeEntry, { nullable: true, description: 'Your running timer.' })
  runningTimer(@Ctx() context: Context): Promise<TimeEntry | null> {
    return this.services.time.runningTimer(context.request);
  }

  @Query(() => [TimeReportRowType], { nullable: true, description: 'Time tracked in a period, grouped (members see everyone, guests themselves).' })
  async timeReport(@Arg('input', () => TimeReportInput) input: TimeReportInput, @Ctx() context: Context): Promise<TimeReportRow[]> {
    return this.services.time.report(context.request, input);
  }

  @Mutation(() => TimeEntryPayload, { nullable: true, description: 'Start a timer on a task; your running timer, if any, is stopped.' })
  timerStart(@Arg('input', () => TimerStartInput) input: TimerStartInput, @Ctx() context: Context): Promise<TimeEntryPayload> {
    return mutationPayload(async () => ({ timeEntry: await this.services.time.start(context.request, input) }));
  }

  @Mutation(() => TimeEntryPayload, { nullable: true })
  timerStop(@Ctx() context: Context): Promise<TimeEntryPayload> {
    return mutationPayload(async () => ({ timeEntry: await this.services.time.stop(context.request) }));
  }

  @Mutation(() => TimeEntryPayload, { nullable: true, description: 'Record time spent, after the fact.' })
  timeEntryCreate(@Arg('input', () => TimeEntryCreateInput) input: TimeEntryCreateInput, @Ctx() context: Context): Promise<TimeEntryPayload> {
    return mutationPayload(async () => ({ timeEntry: await this.services.time.createManual(context.request, input) }));
  }

  @Mutation(() => TimeEntryPayload, { nullable: true })
  timeEntryUpdate(@Arg('input', () => TimeEntryUpdateInput) input: TimeEntryUpdateInput, @Ctx() context: Context): Promise<TimeEntryPayload> {
    return mutationPayload(async () => ({ timeEntry: await this.services.time.update(context.request, input) }));
  }

  @Mutation(() => TimeEntryDeletePayload, { nullable: true })
  timeEntryDelete(@Arg('input', () => TimeEntryDeleteInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(async () => ({ deletedTimeEntryId: await this.services.time.delete(context.request, input.id) }));
  }
}

@Resolver(() => TimeReportRowType)
export class TimeReportRowResolver {
  @FieldResolver(() => Task, { nullable: true })
  task(@Root() row: TimeReportRow, @Ctx() context: Context): Promise<Task | null> {
    return loadTask(context, row.taskId);
  }

  @FieldResolver(() => UserRef, { nullable: true })
  user(@Root() row: TimeReportRow): UserRef | null {
    return row.userId ? UserRef.of(row.userId) : null;
  }
}

@Resolver(() => Task)
export class TaskTimeResolver {
  constructor(private readonly services: TasksServices) {}

  @FieldResolver(() => [TimeEntry])
  timeEntries(@Root() task: Task, @Ctx() context: Context): Promise<TimeEntry[]> {
    return timeEntriesOf(this.services, context.loaders, context.request).load(task.id);
  }
}
