import { ConnectionArgs, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ActivityConnection } from '../activity/activity.inputs.js';
import { activityOf } from '../activity/activity.loaders.js';
import type { ActivityItem } from '../activity/activity.service.js';
import type { Comment } from '../comment/comment.entity.js';
import { CommentConnection } from '../comment/comment.inputs.js';
import { threadsOf } from '../comment/comment.loaders.js';
import type { LinkEnd } from '../link/link.entities.js';
import { LinkConnection, LinksArgs } from '../link/link.inputs.js';
import { linksOf } from '../link/link.loaders.js';
import type { CollaborationServices } from '../services.js';
import { Tag } from '../tag/tag.entities.js';
import { tagsOf } from '../tag/tag.loaders.js';
import { requireReadable } from './node.loaders.js';
import { nodeKey, NodeRef, type NodeKey } from './node.ref.js';

type Context = SubgraphContext<CollaborationServices>;

/** What every object of the cell gets from this subgraph: comments, links, tags, activity. */
@Resolver(() => NodeRef)
export class NodeResolver {
  constructor(private readonly services: CollaborationServices) {}

  @FieldResolver(() => CommentConnection, { nullable: true, description: 'Top-level comments, oldest first (each with its replies).' })
  async comments(@Root() node: NodeRef, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() context: Context): Promise<Connection<Comment>> {
    const key = await this.readable(node, context);
    return threadsOf(this.services, context.loaders, context.request, args).load(key.uuid);
  }

  @FieldResolver(() => LinkConnection, {
    nullable: true,
    description: 'Links to and from other objects (of the cell’s types, out of the trash), oldest first.',
  })
  async links(@Root() node: NodeRef, @Args(() => LinksArgs) args: LinksArgs, @Ctx() context: Context): Promise<Connection<LinkEnd>> {
    const key = await this.readable(node, context);
    return linksOf(this.services, context.loaders, context.request, args).load(key.uuid);
  }

  @FieldResolver(() => [Tag], { nullable: true, description: 'Its tags, by name.' })
  async tags(@Root() node: NodeRef, @Ctx() context: Context): Promise<Tag[]> {
    const key = await this.readable(node, context);
    return tagsOf(this.services, context.loaders, context.request).load(key.uuid);
  }

  @FieldResolver(() => ActivityConnection, { nullable: true, description: 'What happened to it (every module’s events) and its comments, latest first.' })
  async activity(@Root() node: NodeRef, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() context: Context): Promise<Connection<ActivityItem>> {
    const key = await this.readable(node, context);
    return activityOf(this.services, context.loaders, context.request, args).load(key.uuid);
  }

  /** The caller may read the object (policies) and it is out of the trash; else FORBIDDEN at the field. */
  private async readable(node: NodeRef, context: Context): Promise<NodeKey> {
    const key = nodeKey(node.id);
    await requireReadable(this.services.nodes, context.loaders, context.request, key);
    return key;
  }
}
