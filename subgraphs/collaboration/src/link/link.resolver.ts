import { mutationPayload, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { NodeRef } from '../node/node.ref.js';
import type { CollaborationServices } from '../services.js';
import { LinkDirection, LinkEnd } from './link.entities.js';
import { LinkCreateInput, LinkDeleteInput, LinkDeletePayload, LinkPayload } from './link.inputs.js';

type Context = SubgraphContext<CollaborationServices>;

@Resolver(() => LinkEnd)
export class LinkResolver {
  constructor(private readonly services: CollaborationServices) {}

  @Mutation(() => LinkPayload, { nullable: true, description: 'Link two objects you can see (of any types); you must be able to change the first.' })
  linkCreate(@Arg('input', () => LinkCreateInput) input: LinkCreateInput, @Ctx() context: Context): Promise<LinkPayload> {
    return mutationPayload(async () => ({ link: await this.services.links.create(context.request, input) }));
  }

  @Mutation(() => LinkDeletePayload, { nullable: true, description: 'Remove a link (if you may change either end).' })
  linkDelete(@Arg('input', () => LinkDeleteInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(async () => ({ deletedLinkId: await this.services.links.delete(context.request, input.id) }));
  }

  @FieldResolver(() => NodeRef, { nullable: true, description: 'The object at the other end (null, with an error, when you may not see it).' })
  node(@Root() end: LinkEnd): NodeRef {
    return NodeRef.of(end.otherType, end.otherId);
  }

  @FieldResolver(() => NodeRef, { nullable: true })
  source(@Root() end: LinkEnd): NodeRef {
    return end.direction === LinkDirection.OUTGOING ? NodeRef.of(end.nodeType, end.nodeId) : NodeRef.of(end.otherType, end.otherId);
  }

  @FieldResolver(() => NodeRef, { nullable: true })
  target(@Root() end: LinkEnd): NodeRef {
    return end.direction === LinkDirection.OUTGOING ? NodeRef.of(end.otherType, end.otherId) : NodeRef.of(end.nodeType, end.nodeId);
  }
}
