import { mutationPayload, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { TasksServices } from '../services.js';
import { Task } from '../task/task.entity.js';
import { loadTask } from '../task/task.loaders.js';
import { UserRef } from '../user/user.ref.js';
import { TimeEntry } from './time-entry.entity.js';
import {
  TimeEntryCreateInput,
  TimeEntryDeleteInput,
  TimeEntryDeletePayload,
  TimeEntryPayload,
  TimeEntryUpdateInput,
  TimeReportInput,
  TimeReportRow,
  TimerStartInput,
} from './time.inputs.js';
import { timeEntriesOf } from './time.loaders.js';

type Context = SubgraphContext<TasksServices>;

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

  @Query(() => [TimeReportRow], { nullable: true, description: 'Time tracked in a period, grouped (members see everyone, guests themselves).' })
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

@Resolver(() => TimeReportRow)
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
