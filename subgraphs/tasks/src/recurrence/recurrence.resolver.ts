import { mutationPayload, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { TasksServices } from '../services.js';
import { Recurrence } from './recurrence.entities.js';
import {
  TaskRecurrenceCreateInput,
  TaskRecurrenceDeleteInput,
  TaskRecurrenceDeletePayload,
  TaskRecurrencePauseInput,
  TaskRecurrencePayload,
  TaskRecurrenceResumeInput,
} from './recurrence.inputs.js';

type Context = SubgraphContext<TasksServices>;

@Resolver(() => Recurrence)
export class RecurrenceResolver {
  constructor(private readonly services: TasksServices) {}

  @Query(() => [Recurrence], { nullable: true, description: 'Recurring tasks of your organization.' })
  taskRecurrences(@Ctx() context: Context): Promise<Recurrence[]> {
    return this.services.recurrences.list(context.request);
  }

  @Mutation(() => TaskRecurrencePayload, { nullable: true, description: 'Create a task on a schedule, once per due time.' })
  taskRecurrenceCreate(
    @Arg('input', () => TaskRecurrenceCreateInput) input: TaskRecurrenceCreateInput,
    @Ctx() context: Context,
  ): Promise<TaskRecurrencePayload> {
    return mutationPayload(async () => ({
      recurrence: await this.services.recurrences.create(context.request, { ...input, assigneeIds: input.assigneeIds ?? [] }),
    }));
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
