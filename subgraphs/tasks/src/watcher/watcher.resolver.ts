import { mutationPayload, UserErrorsPayload, type SubgraphContext, type UserError } from '@cellgraph/kernel';
import { Arg, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import type { TasksServices } from '../services.js';

type Context = SubgraphContext<TasksServices>;

@InputType()
export class TaskWatcherInput {
  @Field(() => ID) taskId!: string;
  @Field(() => ID, { nullable: true, description: 'Default: yourself.' }) userId?: string | null;
}

const TaskWatcherPayload = UserErrorsPayload('TaskWatcherPayload');

@Resolver()
export class WatcherResolver {
  constructor(private readonly services: TasksServices) {}

  @Mutation(() => TaskWatcherPayload, { nullable: true, description: 'Watch a task (or make a member watch it).' })
  taskWatcherAdd(@Arg('input', () => TaskWatcherInput) input: TaskWatcherInput, @Ctx() context: Context): Promise<{ userErrors: UserError[] }> {
    return mutationPayload(async () => (await this.services.watchers.add(context.request, input), {}));
  }

  @Mutation(() => TaskWatcherPayload, { nullable: true })
  taskWatcherRemove(@Arg('input', () => TaskWatcherInput) input: TaskWatcherInput, @Ctx() context: Context): Promise<{ userErrors: UserError[] }> {
    return mutationPayload(async () => (await this.services.watchers.remove(context.request, input), {}));
  }
}
