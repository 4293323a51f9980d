import { fromGlobalId, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { TasksServices } from '../services.js';
import type { Task } from '../task/task.entity.js';
import { TaskConnection, TasksArgs } from '../task/task.inputs.js';
import { TeamRef } from './team.ref.js';

type Context = SubgraphContext<TasksServices>;

@Resolver(() => TeamRef)
export class TeamTasksResolver {
  constructor(private readonly services: TasksServices) {}

  @FieldResolver(() => TaskConnection, { nullable: true, description: 'Tasks assigned to the team’s members.' })
  async tasks(@Root() team: TeamRef, @Args(() => TasksArgs) args: TasksArgs, @Ctx() context: Context): Promise<Connection<Task>> {
    return this.services.tasks.listOfTeam(context.request, fromGlobalId('Team', team.id), args);
  }
}
