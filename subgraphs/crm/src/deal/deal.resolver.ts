import { fromGlobalId, mutationPayload, requireOrgId, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Contact } from '../contact/contact.entity.js';
import { loadContact } from '../contact/contact.loaders.js';
import { Interaction } from '../interaction/interaction.entity.js';
import { InteractionConnection, InteractionsArgs } from '../interaction/interaction.inputs.js';
import { groupedInteractions } from '../interaction/interaction.loaders.js';
import { Pipeline, PipelineStage } from '../pipeline/pipeline.entities.js';
import { pipelineById, stageById } from '../pipeline/pipeline.loaders.js';
import type { CrmServices } from '../services.js';
import { UserRef } from '../user/user.ref.js';
import { Deal, DealStatus } from './deal.entity.js';
import {
  DealConnection,
  DealCreateInput,
  DealDeleteInput,
  DealDeletePayload,
  DealForecast,
  DealMoveInput,
  DealPayload,
  DealRestoreInput,
  DealsArgs,
  DealUpdateInput,
  StageForecast,
} from './deal.inputs.js';
import { loadDeal } from './deal.loaders.js';

type Context = SubgraphContext<CrmServices>;

@Resolver(() => Deal)
export class DealResolver {
  constructor(private readonly services: CrmServices) {}

  @Query(() => Deal, { nullable: true })
  deal(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<Deal | null> {
    requireOrgId(context.request);
    return loadDeal(context, fromGlobalId('Deal', id));
  }

  @Query(() => DealConnection, { nullable: true, description: 'Deals of your organization. For the deal board, read Pipeline.stages { deals }.' })
  deals(@Args(() => DealsArgs) args: DealsArgs, @Ctx() context: Context): Promise<Connection<Deal>> {
    return this.services.deals.list(context.request, args);
  }

  @Query(() => DealForecast, { nullable: true, description: 'The weighted pipeline of open deals, per currency.' })
  dealForecast(
    @Ctx() context: Context,
    @Arg('pipelineId', () => ID, { nullable: true }) pipelineId?: string | null,
    @Arg('ownerId', () => ID, { nullable: true }) ownerId?: string | null,
    @Arg('timezone', { defaultValue: 'UTC', description: 'IANA time zone that decides "this month".' }) timezone: string = 'UTC',
  ): Promise<DealForecast> {
    return this.services.forecasts.forecast(context.request, { pipelineId, ownerId, timezone });
  }

  @Mutation(() => DealPayload, { nullable: true })
  dealCreate(@Arg('input', () => DealCreateInput) input: DealCreateInput, @Ctx() context: Context): Promise<DealPayload> {
    return mutationPayload(async () => ({ deal: await this.services.deals.create(context.request, input) }));
  }

  @Mutation(() => DealPayload, { nullable: true })
  dealUpdate(@Arg('input', () => DealUpdateInput) input: DealUpdateInput, @Ctx() context: Context): Promise<DealPayload> {
    return mutationPayload(async () => ({ deal: await this.services.deals.update(context.request, input) }));
  }

  @Mutation(() => DealPayload, { nullable: true, description: 'Move a deal to another stage: its probability follows, a closed stage closes it.' })
  dealMove(@Arg('input', () => DealMoveInput) input: DealMoveInput, @Ctx() context: Context): Promise<DealPayload> {
    return mutationPayload(async () => ({ deal: await this.services.deals.move(context.request, input) }));
  }

  @Mutation(() => DealDeletePayload, { nullable: true, description: 'Move a deal to the trash (it can be restored).' })
  dealDelete(@Arg('input', () => DealDeleteInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(async () => ({ deletedDealId: await this.services.deals.delete(context.request, input.id) }));
  }

  @Mutation(() => DealPayload, { nullable: true, description: 'Bring a deal back from the trash.' })
  dealRestore(@Arg('input', () => DealRestoreInput) input: { id: string }, @Ctx() context: Context): Promise<DealPayload> {
    return mutationPayload(async () => ({ deal: await this.services.deals.restore(context.request, input.id) }));
  }

  @FieldResolver(() => DealStatus)
  async status(@Root() deal: Deal, @Ctx() context: Context): Promise<DealStatus> {
    const stage = await stageById(this.services, context.loaders, context.request).load(deal.stageId);
    return !stage?.closed ? DealStatus.OPEN : stage.won ? DealStatus.WON : DealStatus.LOST;
  }

  @FieldResolver(() => PipelineStage, { nullable: true })
  stage(@Root() deal: Deal, @Ctx() context: Context): Promise<PipelineStage | null> {
    return stageById(this.services, context.loaders, context.request).load(deal.stageId);
  }

  @FieldResolver(() => Pipeline, { nullable: true })
  pipeline(@Root() deal: Deal, @Ctx() context: Context): Promise<Pipeline | null> {
    return pipelineById(this.services, context.loaders, context.request).load(deal.pipelineId);
  }

  @FieldResolver(() => Contact, { nullable: true })
  contact(@Root() deal: Deal, @Ctx() context: Context): Promise<Contact | null> {
    return loadContact(context, deal.contactId);
  }

  @FieldResolver(() => UserRef, { nullable: true, description: 'The member who owns the deal.' })
  owner(@Root() deal: Deal): UserRef | null {
    return deal.ownerId ? UserRef.of(deal.ownerId) : null;
  }

  @FieldResolver(() => UserRef, { nullable: true })
  createdBy(@Root() deal: Deal): UserRef {
    return UserRef.of(deal.createdBy);
  }

  @FieldResolver(() => InteractionConnection, { nullable: true, description: 'Interactions about this deal, latest first.' })
  interactions(@Root() deal: Deal, @Args(() => InteractionsArgs) args: InteractionsArgs, @Ctx() context: Context): Promise<Connection<Interaction>> {
    return groupedInteractions(this.services, context.loaders, context.request, 'dealId', args).load(deal.id);
  }
}

@Resolver(() => StageForecast)
export class StageForecastResolver {
  constructor(private readonly services: CrmServices) {}

  @FieldResolver(() => PipelineStage, { nullable: true })
  stage(@Root() forecast: StageForecast, @Ctx() context: Context): Promise<PipelineStage | null> {
    return stageById(this.services, context.loaders, context.request).load(forecast.stageId);
  }
}
