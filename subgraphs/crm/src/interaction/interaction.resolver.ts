import { mutationPayload, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Contact } from '../contact/contact.entity.js';
import { loadContact } from '../contact/contact.loaders.js';
import { Deal } from '../deal/deal.entity.js';
import { loadDeal } from '../deal/deal.loaders.js';
import type { CrmServices } from '../services.js';
import { UserRef } from '../user/user.ref.js';
import { Interaction } from './interaction.entity.js';
import {
  InteractionDeleteInput,
  InteractionDeletePayload,
  InteractionLogInput,
  InteractionPayload,
  InteractionRestoreInput,
  InteractionUpdateInput,
} from './interaction.inputs.js';

type Context = SubgraphContext<CrmServices>;

@Resolver(() => Interaction)
export class InteractionResolver {
  constructor(private readonly services: CrmServices) {}

  @Mutation(() => InteractionPayload, { nullable: true, description: 'Log an e-mail, call, meeting, note or text message with a contact.' })
  interactionLog(@Arg('input', () => InteractionLogInput) input: InteractionLogInput, @Ctx() context: Context): Promise<InteractionPayload> {
    return mutationPayload(async () => ({ interaction: await this.services.interactions.log(context.request, input) }));
  }

  @Mutation(() => InteractionPayload, { nullable: true })
  interactionUpdate(@Arg('input', () => InteractionUpdateInput) input: InteractionUpdateInput, @Ctx() context: Context): Promise<InteractionPayload> {
    return mutationPayload(async () => ({ interaction: await this.services.interactions.update(context.request, input) }));
  }

  @Mutation(() => InteractionDeletePayload, { nullable: true, description: 'Move an interaction to the trash.' })
  interactionDelete(@Arg('input', () => InteractionDeleteInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(async () => ({ deletedInteractionId: await this.services.interactions.delete(context.request, input.id) }));
  }

  @Mutation(() => InteractionPayload, { nullable: true })
  interactionRestore(@Arg('input', () => InteractionRestoreInput) input: { id: string }, @Ctx() context: Context): Promise<InteractionPayload> {
    return mutationPayload(async () => ({ interaction: await this.services.interactions.restore(context.request, input.id) }));
  }

  @FieldResolver(() => Contact, { nullable: true })
  contact(@Root() interaction: Interaction, @Ctx() context: Context): Promise<Contact | null> {
    return loadContact(context, interaction.contactId);
  }

  @FieldResolver(() => Deal, { nullable: true })
  deal(@Root() interaction: Interaction, @Ctx() context: Context): Promise<Deal | null> {
    return loadDeal(context, interaction.dealId);
  }

  @FieldResolver(() => UserRef, { nullable: true })
  loggedBy(@Root() interaction: Interaction): UserRef {
    return UserRef.of(interaction.loggedBy);
  }
}
