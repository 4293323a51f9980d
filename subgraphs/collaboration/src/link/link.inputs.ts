import { ConnectionArgs, ConnectionType, DeletePayload, IdempotencyKeyField, IdInput, UserError } from '@cellgraph/kernel';
import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { LinkDirection, LinkEnd } from './link.entities.js';

@InputType({ description: 'Links two objects of any types: `from` is the source, `to` the target.' })
export class LinkCreateInput {
  @Field(() => ID) fromId!: string;
  @Field(() => ID) toId!: string;
  @Field({ defaultValue: 'related', description: 'Lower-case words joined by _, e.g. related, blocks, proposal_for.' }) relationship!: string;
  @IdempotencyKeyField() idempotencyKey?: string | null;
}

export const LinkDeleteInput = IdInput('LinkDeleteInput', 'The link’s id.');
export const LinkDeletePayload = DeletePayload('LinkDeletePayload', 'deletedLinkId');

@ObjectType()
export class LinkPayload {
  @Field(() => LinkEnd, { nullable: true, description: 'The link, seen from its source.' }) link?: LinkEnd;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ArgsType()
export class LinksArgs extends ConnectionArgs {
  @Field(() => [String], { nullable: true, description: 'Only links to objects of these types, e.g. ["Task", "Deal"].' }) type?: string[] | null;
  @Field(() => String, { nullable: true }) relationship?: string | null;
  @Field(() => LinkDirection, { nullable: true, description: 'Default: both.' }) direction?: LinkDirection | null;
}

export const LinkConnection = ConnectionType(LinkEnd, 'Link');
