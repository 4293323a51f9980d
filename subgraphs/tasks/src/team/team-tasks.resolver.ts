import { fromGlobalId, requireOrgId, toGlobalId, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Args, Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import type { TasksServices } from '../services.js';
import type { Task } from '../task/task.entity.js';
import { TaskConnection, TasksArgs } from '../task/task.inputs.js';

type Context = SubgraphContext<TasksServices>;

/** The Team entity as the tasks subgraph sees it: its key; tasks adds `tasks`. */
@ObjectType('Team')
@Directive('@key(fields: "id")')
export class TeamRef {
  @Field(() => ID)
  id!: string;

  static of(uuid: string): TeamRef {
    return Object.assign(new TeamRef(), { id: toGlobalId('Team', uuid) });
  }
}

@Resolver(() => TeamRef)
export class TeamTasksResolver {
  constructor(private readonly services: TasksServices) {}

  @FieldResolver(() => TaskConnection, { nullable: true, description: 'Tasks assigned to the team’s members.' })
  async tasks(@Root() team: TeamRef, @Args(() => TasksArgs) args: TasksArgs, @Ctx() context: Context): Promise<Connection<Task>> {
    const orgId = requireOrgId(context.request);
    const members = await this.services.authz.teamMembers(orgId, fromGlobalId('Team', team.id));
    return this.services.tasks.list(context.request, args, (query) => query.andWhere(members.length ? 'task.assigneeId IN (:...members)' : 'FALSE', { members }));
  }
}
