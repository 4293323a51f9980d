import { DeletePayload, IdInput, mutationPayload, UserError, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { TasksServices } from '../services.js';
import { TaskPriority } from '../task/task.entity.js';
import { AssigneeStrategy, Recurrence } from './recurrence.entities.js';

type Context = SubgraphContext<TasksServices>;

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

const TaskRecurrencePauseInput = IdInput('TaskRecurrencePauseInput');
const TaskRecurrenceResumeInput = IdInput('TaskRecurrenceResumeInput');
const TaskRecurrenceDeleteInput = IdInput('TaskRecurrenceDeleteInput');

@ObjectType()
export class TaskRecurrencePayload {
  @Field(() => Recurrence, { nullable: true }) recurrence?: Recurrence;
  @Field(() => [UserError]) userErrors!: UserError[];
}

const TaskRecurrenceDeletePayload = DeletePayload('TaskRecurrenceDeletePayload', 'deletedTaskRecurrenceId');

@Resolver(() => Recurrence)
export class RecurrenceResolver {
  constructor(private readonly services: TasksServices) {}

  @Query(() => [Recurrence], { nullable: true, description: 'Recurring tasks of your organization.' })
  taskRecurrences(@Ctx() context: Context): Promise<Recurrence[]> {
    return this.services.recurrences.list(context.request);
  }

  @Mutation(() => TaskRecurrencePayload, { nullable: true, description: 'Create a task on a schedule, once per due time.' })
  taskRecurrenceCreate(@Arg('input', () => TaskRecurrenceCreateInput) input: TaskRecurrenceCreateInput, @Ctx() context: Context): Promise<TaskRecurrencePayload> {
    return mutationPayload(async () => ({ recurrence: await this.services.recurrences.create(context.request, { ...input, assigneeIds: input.assigneeIds ?? [] }) }));
  }

  @Mutation(() => TaskRecurrencePayload, { nullable: true })
  taskRecurrencePause(@Arg('input', () => TaskRecurrencePauseInput) input: { id: string }, @Ctx() context: Context): Promise<TaskRecurrencePayload> {
    return mutationPayload(async () => ({ recurrence: await this.services.recurrences.setActive(context.request, input.id, false) }));
  }

  @Mutation(() => TaskRecurrencePayload, { nullable: true, description: 'Resume from the next due time after now.' })
  taskRecurrenceResume(@Arg('input', () => TaskRecurrenceResumeInput) input: { id: string }, @Ctx() context: Context): Promise<TaskRecurrencePayload> {
    return mutationPayload(async () => ({ recurrence: await this.services.recurrences.setActive(context.request, input.id, true) }));
  }

  @Mutation(() => TaskRecurrenceDeletePayload, { nullable: true })
  taskRecurrenceDelete(@Arg('input', () => TaskRecurrenceDeleteInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(async () => ({ deletedTaskRecurrenceId: await this.services.recurrences.delete(context.request, input.id) }));
  }
}
