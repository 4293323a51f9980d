import { fromGlobalId, requireOrgId, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { TasksServices } from '../services.js';
import type { Task } from '../task/task.entity.js';
import { TaskConnection, TasksArgs } from '../task/task.inputs.js';
import { assignedTasks } from '../task/task.loaders.js';
import { UserRef } from './user.ref.js';

type Context = SubgraphContext<TasksServices>;

@Resolver(() => UserRef)
export class UserTasksResolver {
  constructor(private readonly services: TasksServices) {}

  @FieldResolver(() => TaskConnection, { nullable: true, description: 'Tasks assigned to this user in your organization.' })
  assignedTasks(@Root() user: UserRef, @Args(() => TasksArgs) args: TasksArgs, @Ctx() context: Context): Promise<Connection<Task>> {
    requireOrgId(context.request);
    return assignedTasks(this.services, context.loaders, context.request, args).load(fromGlobalId('User', user.id));
  }
}
