import { DeletePayload, IdInput, UserError } from '@cellgraph/kernel';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { TaskPriority } from '../task/task.entity.js';
import { AssigneeStrategy, Recurrence } from './recurrence.entities.js';

@InputType()
export class TaskRecurrenceCreateInput {
  @Field() title!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => TaskPriority, { nullable: true }) priority?: TaskPriority | null;
  @Field(() => ID, { nullable: true, description: 'Column the tasks are created in.' }) columnId?: string | null;
  @Field({ description: 'e.g. "0 9 * * 1" (Mondays at 09:00); 6 fields for seconds.' }) cron!: string;
  @Field(() => String, { nullable: true, defaultValue: 'UTC' }) timezone?: string;
  @Field(() => AssigneeStrategy, { nullable: true, defaultValue: AssigneeStrategy.SAME }) assigneeStrategy?: AssigneeStrategy;
  @Field(() => [ID], { nullable: true }) assigneeIds?: string[] | null;
}

export const TaskRecurrencePauseInput = IdInput('TaskRecurrencePauseInput');
export const TaskRecurrenceResumeInput = IdInput('TaskRecurrenceResumeInput');
export const TaskRecurrenceDeleteInput = IdInput('TaskRecurrenceDeleteInput');

@ObjectType()
export class TaskRecurrencePayload {
  @Field(() => Recurrence, { nullable: true }) recurrence?: Recurrence;
  @Field(() => [UserError]) userErrors!: UserError[];
}

export const TaskRecurrenceDeletePayload = DeletePayload('TaskRecurrenceDeletePayload', 'deletedTaskRecurrenceId');
