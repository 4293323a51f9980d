import { ConnectionType, DeletePayload, IdempotencyKeyField, IdInput, UserError } from '@cellgraph/kernel';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Comment } from './comment.entity.js';

@InputType()
export class CommentCreateInput {
  @Field(() => ID, { description: 'The object commented on (any Node).' }) nodeId!: string;
  @Field({ description: 'Up to 10,000 characters; mention people as <@userId>.' }) body!: string;
  @Field(() => ID, { nullable: true, description: 'Reply in the thread of this top-level comment.' }) parentId?: string | null;
  @IdempotencyKeyField() idempotencyKey?: string | null;
}

@InputType()
export class CommentUpdateInput {
  @Field(() => ID) id!: string;
  @Field() body!: string;
}

export const CommentDeleteInput = IdInput('CommentDeleteInput');
export const CommentDeletePayload = DeletePayload(
  'CommentDeletePayload',
  'deletedCommentId',
  'Id of the comment deleted (it stays in its thread as "[deleted]").',
);

@ObjectType()
export class CommentPayload {
  @Field(() => Comment, { nullable: true }) comment?: Comment;
  @Field(() => [UserError]) userErrors!: UserError[];
}

export const CommentConnection = ConnectionType(Comment, 'Comment');
