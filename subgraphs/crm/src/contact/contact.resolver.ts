import {
  type Connection,
  ConnectionArgs,
  fromGlobalId,
  GraphQLDateTimeISO,
  mutationPayload,
  requireOrgId,
  type SubgraphContext,
  toUserError,
} from '@cellgraph/kernel';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Deal } from '../deal/deal.entity.js';
import { DealConnection, DealsArgs } from '../deal/deal.inputs.js';
import { groupedDeals } from '../deal/deal.loaders.js';
import { Interaction } from '../interaction/interaction.entity.js';
import { InteractionConnection, InteractionsArgs } from '../interaction/interaction.inputs.js';
import { groupedInteractions } from '../interaction/interaction.loaders.js';
import { PipelineStage } from '../pipeline/pipeline.entities.js';
import { stageById } from '../pipeline/pipeline.loaders.js';
import type { CrmServices } from '../services.js';
import { ContactTimelineConnection } from '../timeline/timeline.inputs.js';
import { UserRef } from '../user/user.ref.js';
import { Contact } from './contact.entity.js';
import {
  ContactConnection,
  ContactConvertInput,
  ContactCreateBatchInput,
  ContactCreateBatchPayload,
  ContactCreateInput,
  ContactDeleteInput,
  ContactDeletePayload,
  ContactMergeInput,
  ContactPayload,
  ContactRestoreInput,
  ContactsArgs,
  ContactUpdateInput,
} from './contact.inputs.js';
import { lastInteractionAt, loadContact, timelineOf } from './contact.loaders.js';

type Context = SubgraphContext<CrmServices>;

@Resolver(() => Contact)
export class ContactResolver {
  constructor(private readonly services: CrmServices) {}

  @Query(() => Contact, { nullable: true, description: 'A contact of your organization, or null.' })
  contact(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<Contact | null> {
    requireOrgId(context.request);
    return loadContact(context, fromGlobalId('Contact', id));
  }

  @Query(() => ContactConnection, { nullable: true, description: 'Contacts of your organization: leads, clients, vendors and partners.' })
  contacts(@Args(() => ContactsArgs) args: ContactsArgs, @Ctx() context: Context): Promise<Connection<Contact>> {
    return this.services.contacts.list(context.request, args);
  }

  @Mutation(() => ContactPayload, { nullable: true })
  contactCreate(@Arg('input', () => ContactCreateInput) input: ContactCreateInput, @Ctx() context: Context): Promise<ContactPayload> {
    return mutationPayload(async () => ({ contact: await this.services.contacts.create(context.request, input) }));
  }

  @Mutation(() => ContactCreateBatchPayload, { nullable: true, description: 'Creates up to 100 contacts, all or none (atomic) or each valid one.' })
  contactCreateBatch(@Arg('input', () => ContactCreateBatchInput) input: ContactCreateBatchInput, @Ctx() context: Context): Promise<ContactCreateBatchPayload> {
    return mutationPayload(async () => {
      const { contacts, errors } = await this.services.contacts.createBatch(context.request, input);
      return { contacts, userErrors: errors.map(toUserError) };
    });
  }

  @Mutation(() => ContactPayload, { nullable: true })
  contactUpdate(@Arg('input', () => ContactUpdateInput) input: ContactUpdateInput, @Ctx() context: Context): Promise<ContactPayload> {
    return mutationPayload(async () => ({ contact: await this.services.contacts.update(context.request, input) }));
  }

  @Mutation(() => ContactPayload, { nullable: true, description: 'Turns a lead into a client (or vendor, partner); its deals, interactions and links stay.' })
  contactConvert(@Arg('input', () => ContactConvertInput) input: ContactConvertInput, @Ctx() context: Context): Promise<ContactPayload> {
    return mutationPayload(async () => ({ contact: await this.services.contacts.convert(context.request, input) }));
  }

  @Mutation(() => ContactPayload, { nullable: true })
  contactMerge(@Arg('input', () => ContactMergeInput) input: ContactMergeInput, @Ctx() context: Context): Promise<ContactPayload> {
    return mutationPayload(async () => ({ contact: await this.services.contacts.merge(context.request, input) }));
  }

  @Mutation(() => ContactDeletePayload, { nullable: true, description: 'Move a contact to the trash (it can be restored).' })
  contactDelete(@Arg('input', () => ContactDeleteInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(async () => ({ deletedContactId: await this.services.contacts.delete(context.request, input.id) }));
  }

  @Mutation(() => ContactPayload, { nullable: true, description: 'Bring a contact back from the trash.' })
  contactRestore(@Arg('input', () => ContactRestoreInput) input: { id: string }, @Ctx() context: Context): Promise<ContactPayload> {
    return mutationPayload(async () => ({ contact: await this.services.contacts.restore(context.request, input.id) }));
  }

  @FieldResolver(() => UserRef, { nullable: true, description: 'The member who owns the relationship.' })
  assignedTo(@Root() contact: Contact): UserRef | null {
    return contact.assignedTo ? UserRef.of(contact.assignedTo) : null;
  }

  @FieldResolver(() => UserRef, { nullable: true })
  createdBy(@Root() contact: Contact): UserRef {
    return UserRef.of(contact.createdBy);
  }

  @FieldResolver(() => PipelineStage, { nullable: true, description: 'Where the lead (or new client) stands in its pipeline.' })
  stage(@Root() contact: Contact, @Ctx() context: Context): Promise<PipelineStage | null> {
    return contact.stageId ? stageById(this.services, context.loaders, context.request).load(contact.stageId) : Promise.resolve(null);
  }

  @FieldResolver(() => DealConnection, { nullable: true })
  deals(@Root() contact: Contact, @Args(() => DealsArgs) args: DealsArgs, @Ctx() context: Context): Promise<Connection<Deal>> {
    return groupedDeals(this.services, context.loaders, context.request, 'contactId', args).load(contact.id);
  }

  @FieldResolver(() => InteractionConnection, { nullable: true, description: 'Interactions, latest first.' })
  interactions(@Root() contact: Contact, @Args(() => InteractionsArgs) args: InteractionsArgs, @Ctx() context: Context): Promise<Connection<Interaction>> {
    return groupedInteractions(this.services, context.loaders, context.request, 'contactId', args).load(contact.id);
  }

  @FieldResolver(() => GraphQLDateTimeISO, { nullable: true, description: 'When the latest interaction happened ("last contacted").' })
  lastInteractionAt(@Root() contact: Contact, @Ctx() context: Context): Promise<Date | null> {
    return lastInteractionAt(this.services, context.loaders, context.request).load(contact.id);
  }

  @FieldResolver(() => ContactTimelineConnection, {
    nullable: true,
    description: 'Interactions and activity (changes, conversion, deals) merged, latest first; contacts merged into this one included.',
  })
  timeline(@Root() contact: Contact, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() context: Context): Promise<Connection<unknown>> {
    return timelineOf(this.services, context.loaders, context.request, args).load(contact.id);
  }
}
