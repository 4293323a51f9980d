import { ConnectionArgs, fromGlobalId, mutationPayload, requireOrgId, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { NodeRef } from '../node/node.ref.js';
import type { CollaborationServices } from '../services.js';
import { Comment } from './comment.entity.js';
import { loadComment, repliesOf } from './comment.loaders.js';
import { CommentConnection, CommentCreateInput, CommentDeleteInput, CommentDeletePayload, CommentPayload, CommentUpdateInput } from './comment.inputs.js';

type Context = SubgraphContext<CollaborationServices>;

@Resolver(() => Comment)
export class CommentResolver {
  constructor(private readonly services: CollaborationServices) {}

  @Query(() => Comment, { nullable: true, description: 'A comment on an object you can see (or a reply), or null: to page a long thread’s replies.' })
  comment(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<Comment | null> {
    requireOrgId(context.request);
    return loadComment(context, fromGlobalId('Comment', id, 'id'));
  }

  @Mutation(() => CommentPayload, { nullable: true, description: 'Comment on any object you can see, or reply in a thread.' })
  commentCreate(@Arg('input', () => CommentCreateInput) input: CommentCreateInput, @Ctx() context: Context): Promise<CommentPayload> {
    return mutationPayload(async () => ({ comment: await this.services.comments.create(context.request, input) }));
  }

  @Mutation(() => CommentPayload, { nullable: true, description: 'Edit your comment (it is marked edited).' })
  commentUpdate(@Arg('input', () => CommentUpdateInput) input: CommentUpdateInput, @Ctx() context: Context): Promise<CommentPayload> {
    return mutationPayload(async () => ({ comment: await this.services.comments.update(context.request, input) }));
  }

  @Mutation(() => CommentDeletePayload, { nullable: true, description: 'Delete a comment: yours, or any on an object you manage.' })
  commentDelete(@Arg('input', () => CommentDeleteInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(async () => ({ deletedCommentId: await this.services.comments.delete(context.request, input.id) }));
  }

  @FieldResolver(() => NodeRef, { description: 'The object commented on.' })
  node(@Root() comment: Comment): NodeRef {
    return NodeRef.of(comment.nodeType, comment.nodeId);
  }

  @FieldResolver(() => Comment, { nullable: true, description: 'The top-level comment this replies to.' })
  parent(@Root() comment: Comment, @Ctx() context: Context): Promise<Comment | null> {
    return loadComment(context, comment.parentId);
  }

  @FieldResolver(() => CommentConnection, { nullable: true, description: 'Replies, oldest first.' })
  replies(@Root() comment: Comment, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() context: Context): Promise<Connection<Comment>> {
    return repliesOf(this.services, context.loaders, context.request, args).load(comment.id);
  }
}
