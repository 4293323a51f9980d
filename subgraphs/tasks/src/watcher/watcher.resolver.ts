import { mutationPayload, type SubgraphContext, type UserError } from '@cellgraph/kernel';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { TasksServices } from '../services.js';
import { TaskWatcherInput, TaskWatcherPayload } from './watcher.inputs.js';

type Context = SubgraphContext<TasksServices>;

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
