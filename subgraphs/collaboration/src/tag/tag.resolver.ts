import { mutationPayload, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { NodeRef } from '../node/node.ref.js';
import type { CollaborationServices } from '../services.js';
import { Tag } from './tag.entities.js';
import {
  NodeConnection,
  TagConnection,
  TagCreateInput,
  TagDeleteInput,
  TagDeletePayload,
  TaggedNodesArgs,
  TagApplyInput,
  TagNodesPayload,
  TagPayload,
  TagRemoveInput,
  TagsArgs,
  TagUpdateInput,
} from './tag.inputs.js';

type Context = SubgraphContext<CollaborationServices>;

@Resolver(() => Tag)
export class TagResolver {
  constructor(private readonly services: CollaborationServices) {}

  @Query(() => TagConnection, { nullable: true, description: 'Your organization’s tags, by name.' })
  tags(@Args(() => TagsArgs) args: TagsArgs, @Ctx() context: Context): Promise<Connection<Tag>> {
    return this.services.tags.list(context.request, args);
  }

  @Query(() => NodeConnection, { nullable: true, description: 'Objects of any type with these tags.' })
  taggedNodes(@Args(() => TaggedNodesArgs) args: TaggedNodesArgs, @Ctx() context: Context): Promise<Connection<NodeRef>> {
    return this.services.tags.taggedNodes(context.request, args);
  }

  @Mutation(() => TagPayload, { nullable: true })
  tagCreate(@Arg('input', () => TagCreateInput) input: TagCreateInput, @Ctx() context: Context): Promise<TagPayload> {
    return mutationPayload(async () => ({ tag: await this.services.tags.create(context.request, input) }));
  }

  @Mutation(() => TagPayload, { nullable: true, description: 'Rename or recolour a tag (owners and admins).' })
  tagUpdate(@Arg('input', () => TagUpdateInput) input: TagUpdateInput, @Ctx() context: Context): Promise<TagPayload> {
    return mutationPayload(async () => ({ tag: await this.services.tags.update(context.request, input) }));
  }

  @Mutation(() => TagDeletePayload, { nullable: true, description: 'Delete a tag: it comes off every object (owners and admins).' })
  tagDelete(@Arg('input', () => TagDeleteInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(async () => ({ deletedTagId: await this.services.tags.delete(context.request, input.id) }));
  }

  @Mutation(() => TagNodesPayload, { nullable: true, description: 'Put a tag on up to 100 objects you can change.' })
  tagApply(@Arg('input', () => TagApplyInput) input: TagApplyInput, @Ctx() context: Context): Promise<TagNodesPayload> {
    return mutationPayload(() => this.services.tags.apply(context.request, input));
  }

  @Mutation(() => TagNodesPayload, { nullable: true, description: 'Take a tag off up to 100 objects you can change.' })
  tagRemove(@Arg('input', () => TagRemoveInput) input: TagRemoveInput, @Ctx() context: Context): Promise<TagNodesPayload> {
    return mutationPayload(() => this.services.tags.remove(context.request, input));
  }
}
