import { DeletePayload, GraphQLDateTimeISO, IdInput, UserError } from '@cellgraph/kernel';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { TimeEntry } from './time-entry.entity.js';

export enum TimeGrouping {
  TASK = 'task',
  USER = 'user',
  DAY = 'day',
  WEEK = 'week',
  MONTH = 'month',
}
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

export const TimeEntryDeleteInput = IdInput('TimeEntryDeleteInput');

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

/** One row of `timeReport`: time tracked for one combination of the grouping dimensions. */
@ObjectType('TimeReportRow', { description: 'Time tracked for one combination of the grouping dimensions.' })
export class TimeReportRow {
  taskId!: string | null;
  userId!: string | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Start of the period, when grouped by period.' }) period!: Date | null;
  @Field(() => Int) totalSeconds!: number;
  @Field(() => Int) billableSeconds!: number;
  @Field(() => Int) entries!: number;
}

export const TimeEntryDeletePayload = DeletePayload('TimeEntryDeletePayload', 'deletedTimeEntryId');
