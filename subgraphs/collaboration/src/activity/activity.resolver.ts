import { ConnectionArgs, ConnectionType, PageInfo, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Args, createUnionType, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { Comment } from '../comment/comment.entity.js';
import type { CollaborationServices } from '../services.js';
import { Activity } from './activity.entity.js';
import type { ActivityItem } from './activity.service.js';

type Context = SubgraphContext<CollaborationServices>;

export const ActivityItemUnion = createUnionType({
  name: 'ActivityItem',
  description: 'An event or a comment on an object’s timeline.',
  types: () => [Activity, Comment] as const,
  resolveType: (item) => (item instanceof Comment ? Comment : Activity),
});

@ObjectType()
class ActivityEdge {
  @Field() cursor!: string;
  @Field(() => ActivityItemUnion) node!: ActivityItem;
}

@ObjectType({ description: 'A page of an object’s activity, latest first.' })
export class ActivityConnection {
  @Field(() => [ActivityEdge]) edges!: ActivityEdge[];
  @Field(() => [ActivityItemUnion]) nodes!: ActivityItem[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: Promise<number> | number;
}

const ActivityEventConnection = ConnectionType(Activity, 'ActivityEvent');

@Resolver()
export class ActivityResolver {
  constructor(private readonly services: CollaborationServices) {}

  @Query(() => ActivityEventConnection, { nullable: true, description: 'What you did, on every object, latest first.' })
  myActivity(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() context: Context): Promise<Connection<Activity>> {
    return this.services.activities.mine(context.request, args);
  }
}
