import { fromGlobalId, gatewayDriven, GraphQLDateTimeISO, liveEventOf, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Ctx, Field, FieldResolver, ID, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import type { DocumentsServices } from '../services.js';
import { UserRef } from '../user/user.ref.js';
import { Document } from './document.entity.js';

@ObjectType({ description: 'A change to a document, as it happened.' })
export class DocumentChange {
  @Field({ description: 'What happened: document.created, document.updated, document.status_changed, document.deleted, … (every document.* event).' })
  event!: string;

  @Field(() => GraphQLDateTimeISO)
  occurredAt!: Date;

  @Field(() => ID, { description: 'The document’s global id (also once it is deleted).' })
  documentId!: string;

  @Field(() => Document, { nullable: true, description: 'The document as it is now (null once deleted).' })
  document!: Document | null;

  @Field(() => [String], { description: 'The fields the change touched (document.updated), else empty.' })
  changedFields!: string[];

  actorId!: string | null;
}

/** Subscriptions to documents: one event at a time, asked by the gateway as the subscriber. */
@Resolver(() => DocumentChange)
export class DocumentLiveResolver {
  constructor(private readonly services: DocumentsServices) {}

  @Subscription(() => DocumentChange, { ...gatewayDriven, description: 'Every change to one document you can read.' })
  documentChanged(@Arg('id', () => ID) id: string, @Ctx() context: SubgraphContext<DocumentsServices>): Promise<DocumentChange | null> {
    return this.services.documents.liveChange(context.request, liveEventOf(context), { id: fromGlobalId('Document', id, 'id') });
  }

  @FieldResolver(() => UserRef, { nullable: true, description: 'Who made it (null for the system, e.g. the expiry job).' })
  actor(@Root() change: DocumentChange): UserRef | null {
    return change.actorId ? UserRef.of(change.actorId) : null;
  }
}
