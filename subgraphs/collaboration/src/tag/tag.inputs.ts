import { ConnectionArgs, ConnectionType, DeletePayload, IdempotencyKeyField, IdInput, UserError } from '@cellgraph/kernel';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { NodeRef } from '../node/node.ref.js';
import { Tag } from './tag.entities.js';

@InputType()
export class TagCreateInput {
  @Field() name!: string;
  @Field(() => String, { nullable: true, description: 'Like #1a2b3c; a grey by default.' }) color?: string | null;
  @Field(() => String, { nullable: true }) category?: string | null;
  @IdempotencyKeyField() idempotencyKey?: string | null;
}

@InputType({ description: 'Fields left out are unchanged; category set to null is cleared.' })
export class TagUpdateInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) color?: string | null;
  @Field(() => String, { nullable: true }) category?: string | null;
}

@InputType({ description: 'Puts a tag on up to 100 objects of any types at once.' })
export class TagApplyInput {
  @Field(() => ID) tagId!: string;
  @Field(() => [ID]) nodeIds!: string[];
}

@InputType({ description: 'Takes a tag off up to 100 objects at once.' })
export class TagRemoveInput {
  @Field(() => ID) tagId!: string;
  @Field(() => [ID]) nodeIds!: string[];
}

export const TagDeleteInput = IdInput('TagDeleteInput');
export const TagDeletePayload = DeletePayload('TagDeletePayload', 'deletedTagId', 'Id of the tag deleted (it is gone from every object).');

@ObjectType()
export class TagPayload {
  @Field(() => Tag, { nullable: true }) tag?: Tag;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType()
export class TagNodesPayload {
  @Field(() => Tag, { nullable: true }) tag?: Tag;
  @Field(() => Int, { nullable: true, description: 'Objects that gained (or lost) the tag; the others already had it (or did not).' }) changed?: number;
  @Field(() => [UserError]) userErrors!: UserError[];
}

export enum TagMatch {
  ALL = 'all',
  ANY = 'any',
}
registerEnumType(TagMatch, {
  name: 'TagMatch',
  valuesConfig: { ALL: { description: 'Objects with every tag given.' }, ANY: { description: 'Objects with at least one.' } },
});

@ArgsType()
export class TagsArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true }) category?: string | null;
  @Field(() => String, { nullable: true, description: 'Part of the name, ignoring case.' }) search?: string | null;
}

@ArgsType()
export class TaggedNodesArgs extends ConnectionArgs {
  @Field(() => [ID]) tagIds!: string[];
  @Field(() => TagMatch, { defaultValue: TagMatch.ALL }) match!: TagMatch;
  @Field(() => [String], { nullable: true, description: 'Only objects of these types, e.g. ["Task", "Contact"].' }) types?: string[] | null;
}

export const TagConnection = ConnectionType(Tag, 'Tag');
export const NodeConnection = ConnectionType(NodeRef, 'Node');
