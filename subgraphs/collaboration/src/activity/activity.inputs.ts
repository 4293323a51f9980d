import { ConnectionType, PageInfo } from '@cellgraph/kernel';
import { createUnionType, Field, Int, ObjectType } from 'type-graphql';
import { Comment } from '../comment/comment.entity.js';
import { Activity } from './activity.entity.js';
import type { ActivityItem } from './activity.service.js';

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

/** `Node.activity` (served by the node resolver): an object's events and comments. */
@ObjectType({ description: 'A page of an object’s activity, latest first.' })
export class ActivityConnection {
  @Field(() => [ActivityEdge]) edges!: ActivityEdge[];
  @Field(() => [ActivityItemUnion]) nodes!: ActivityItem[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: Promise<number> | number;
}

export const ActivityEventConnection = ConnectionType(Activity, 'ActivityEvent');
