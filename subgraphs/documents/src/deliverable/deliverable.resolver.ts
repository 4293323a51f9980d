import { mutationPayload, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import { Document } from '../document/document.entity.js';
import { loadDocument } from '../document/document.loaders.js';
import type { DocumentsServices } from '../services.js';
import { UserRef } from '../user/user.ref.js';
import { Deliverable } from './deliverable.entity.js';
import {
  DeliverableConnection,
  DeliverableCreateInput,
  DeliverableDeleteInput,
  DeliverableDeletePayload,
  DeliverablePayload,
  DeliverableProgressRecordInput,
  DeliverablesArgs,
  DeliverableUpdateInput,
} from './deliverable.inputs.js';
import { groupedDeliverables } from './deliverable.loaders.js';
import { expectedProgress, todayUtc } from './pace.js';

type Context = SubgraphContext<DocumentsServices>;

@Resolver(() => Deliverable)
export class DeliverableResolver {
  constructor(private readonly services: DocumentsServices) {}

  @Mutation(() => DeliverablePayload, { nullable: true, description: 'Record what a signed contract or SOW commits to deliver.' })
  deliverableCreate(@Arg('input', () => DeliverableCreateInput) input: DeliverableCreateInput, @Ctx() context: Context): Promise<DeliverablePayload> {
    return mutationPayload(async () => ({ deliverable: await this.services.deliverables.create(context.request, input) }));
  }

  @Mutation(() => DeliverablePayload, { nullable: true })
  deliverableUpdate(@Arg('input', () => DeliverableUpdateInput) input: DeliverableUpdateInput, @Ctx() context: Context): Promise<DeliverablePayload> {
    return mutationPayload(async () => ({ deliverable: await this.services.deliverables.update(context.request, input) }));
  }

  @Mutation(() => DeliverablePayload, { nullable: true, description: 'Record how many items are done; the pace is checked again.' })
  deliverableProgressRecord(
    @Arg('input', () => DeliverableProgressRecordInput) input: DeliverableProgressRecordInput,
    @Ctx() context: Context,
  ): Promise<DeliverablePayload> {
    return mutationPayload(async () => ({ deliverable: await this.services.deliverables.recordProgress(context.request, input) }));
  }

  @Mutation(() => DeliverableDeletePayload, { nullable: true, description: 'Delete a deliverable (for good).' })
  deliverableDelete(@Arg('input', () => DeliverableDeleteInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(async () => ({ deletedDeliverableId: await this.services.deliverables.delete(context.request, input) }));
  }

  @FieldResolver(() => Document, { nullable: true, description: 'The contract it belongs to.' })
  document(@Root() deliverable: Deliverable, @Ctx() context: Context): Promise<Document | null> {
    return loadDocument(context, deliverable.documentId);
  }

  @FieldResolver(() => Int, { description: 'How many items should be done by today at this pace.' })
  expectedProgress(@Root() deliverable: Deliverable): number {
    return expectedProgress(deliverable, todayUtc());
  }

  @FieldResolver(() => UserRef, { nullable: true, description: 'Who answers for it (notified when it falls behind pace).' })
  owner(@Root() deliverable: Deliverable): UserRef {
    return UserRef.of(deliverable.ownerId);
  }
}

@Resolver(() => Document)
export class DocumentDeliverablesResolver {
  constructor(private readonly services: DocumentsServices) {}

  @FieldResolver(() => DeliverableConnection, { nullable: true, description: 'What the contract commits to deliver, soonest due first.' })
  deliverables(@Root() document: Document, @Args(() => DeliverablesArgs) args: DeliverablesArgs, @Ctx() context: Context): Promise<Connection<Deliverable>> {
    return groupedDeliverables(this.services, context.loaders, context.request, args).load(document.id);
  }
}
