import { ConnectionArgs, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { CollaborationServices } from '../services.js';
import type { Activity } from './activity.entity.js';
import { ActivityEventConnection } from './activity.inputs.js';

type Context = SubgraphContext<CollaborationServices>;

@Resolver()
export class ActivityResolver {
  constructor(private readonly services: CollaborationServices) {}

  @Query(() => ActivityEventConnection, { nullable: true, description: 'What you did, on every object, latest first.' })
  myActivity(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() context: Context): Promise<Connection<Activity>> {
    return this.services.activities.mine(context.request, args);
  }
}
