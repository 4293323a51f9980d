import { fromGlobalId, gatewayDriven, GraphQLDateTimeISO, liveEventOf, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Ctx, Field, FieldResolver, ID, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import type { CrmServices } from '../services.js';
import { UserRef } from '../user/user.ref.js';
import { Contact } from './contact.entity.js';

@ObjectType({ description: 'A change to a contact or to what hangs on it (its deals, interactions), as it happened.' })
export class ContactChange {
  @Field({ description: 'What happened: contact.updated, contact.converted, deal.moved, deal.won, interaction.logged, …' })
  event!: string;

  @Field(() => GraphQLDateTimeISO)
  occurredAt!: Date;

  @Field(() => ID, { description: 'The global id of what changed: the contact, or one of its deals or interactions.' })
  subjectId!: string;

  @Field(() => Contact, { nullable: true, description: 'The contact as it is now (null once deleted).' })
  contact!: Contact | null;

  actorId!: string | null;
}

/** Subscriptions to contacts: one event at a time, asked by the gateway as the subscriber. */
@Resolver(() => ContactChange)
export class ContactLiveResolver {
  constructor(private readonly services: CrmServices) {}

  @Subscription(() => ContactChange, { ...gatewayDriven, description: 'Changes to a contact you can see, its deals and its interactions.' })
  contactChanged(@Arg('id', () => ID) id: string, @Ctx() context: SubgraphContext<CrmServices>): Promise<ContactChange | null> {
    return this.services.contacts.liveChange(context.request, liveEventOf(context), fromGlobalId('Contact', id, 'id'));
  }

  @FieldResolver(() => UserRef, { nullable: true, description: 'Who made it (null for the system).' })
  actor(@Root() change: ContactChange): UserRef | null {
    return change.actorId ? UserRef.of(change.actorId) : null;
  }
}
