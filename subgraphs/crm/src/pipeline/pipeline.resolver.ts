import { fromGlobalId, Money, mutationPayload, requireOrgId, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Deal } from '../deal/deal.entity.js';
import { DealConnection, DealsArgs } from '../deal/deal.inputs.js';
import { groupedDeals, stageTotals } from '../deal/deal.loaders.js';
import type { CrmServices } from '../services.js';
import { Pipeline, PipelineStage } from './pipeline.entities.js';
import {
  PipelineConnection,
  PipelineCreateInput,
  PipelineDeleteInput,
  PipelineDeletePayload,
  PipelinePayload,
  PipelineRestoreInput,
  PipelinesArgs,
  PipelineStageCreateInput,
  PipelineStageDeleteInput,
  PipelineStageDeletePayload,
  PipelineStageMoveInput,
  PipelineStagePayload,
  PipelineStageUpdateInput,
  PipelineUpdateInput,
  StageDealTotal,
} from './pipeline.inputs.js';
import { pipelineById, stagesOf } from './pipeline.loaders.js';

type Context = SubgraphContext<CrmServices>;

@Resolver(() => Pipeline)
export class PipelineResolver {
  constructor(private readonly services: CrmServices) {}

  @Query(() => Pipeline, { nullable: true })
  pipeline(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<Pipeline | null> {
    requireOrgId(context.request);
    return pipelineById(this.services, context.loaders, context.request).load(fromGlobalId('Pipeline', id));
  }

  @Query(() => PipelineConnection, { nullable: true, description: 'Your organization’s pipelines, oldest first.' })
  pipelines(@Args(() => PipelinesArgs) args: PipelinesArgs, @Ctx() context: Context): Promise<Connection<Pipeline>> {
    return this.services.pipelines.list(context.request, args);
  }

  @Mutation(() => PipelinePayload, { nullable: true, description: 'Create a pipeline with its stages (owners and admins).' })
  pipelineCreate(@Arg('input', () => PipelineCreateInput) input: PipelineCreateInput, @Ctx() context: Context): Promise<PipelinePayload> {
    return mutationPayload(async () => ({ pipeline: await this.services.pipelines.create(context.request, { ...input, stages: input.stages ?? undefined }) }));
  }

  @Mutation(() => PipelinePayload, { nullable: true })
  pipelineUpdate(@Arg('input', () => PipelineUpdateInput) input: PipelineUpdateInput, @Ctx() context: Context): Promise<PipelinePayload> {
    return mutationPayload(async () => ({ pipeline: await this.services.pipelines.update(context.request, input) }));
  }

  @Mutation(() => PipelineDeletePayload, { nullable: true, description: 'Move an empty pipeline to the trash.' })
  pipelineDelete(@Arg('input', () => PipelineDeleteInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(async () => ({ deletedPipelineId: await this.services.pipelines.delete(context.request, input.id) }));
  }

  @Mutation(() => PipelinePayload, { nullable: true, description: 'Bring a pipeline back from the trash.' })
  pipelineRestore(@Arg('input', () => PipelineRestoreInput) input: { id: string }, @Ctx() context: Context): Promise<PipelinePayload> {
    return mutationPayload(async () => ({ pipeline: await this.services.pipelines.restore(context.request, input.id) }));
  }

  @Mutation(() => PipelineStagePayload, { nullable: true })
  pipelineStageCreate(@Arg('input', () => PipelineStageCreateInput) input: PipelineStageCreateInput, @Ctx() context: Context): Promise<PipelineStagePayload> {
    return mutationPayload(async () => ({ stage: await this.services.pipelines.addStage(context.request, input) }));
  }

  @Mutation(() => PipelineStagePayload, { nullable: true })
  pipelineStageUpdate(@Arg('input', () => PipelineStageUpdateInput) input: PipelineStageUpdateInput, @Ctx() context: Context): Promise<PipelineStagePayload> {
    return mutationPayload(async () => ({ stage: await this.services.pipelines.updateStage(context.request, input) }));
  }

  @Mutation(() => PipelineStagePayload, { nullable: true })
  pipelineStageMove(@Arg('input', () => PipelineStageMoveInput) input: PipelineStageMoveInput, @Ctx() context: Context): Promise<PipelineStagePayload> {
    return mutationPayload(async () => ({ stage: await this.services.pipelines.moveStage(context.request, input) }));
  }

  @Mutation(() => PipelineStageDeletePayload, { nullable: true, description: 'Delete an empty stage.' })
  pipelineStageDelete(@Arg('input', () => PipelineStageDeleteInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(async () => ({ deletedPipelineStageId: await this.services.pipelines.deleteStage(context.request, input.id) }));
  }

  @FieldResolver(() => [PipelineStage], { description: 'In order: the deal board’s columns.' })
  stages(@Root() pipeline: Pipeline, @Ctx() context: Context): Promise<PipelineStage[]> {
    return stagesOf(this.services, context.loaders, context.request).load(pipeline.id);
  }
}

@Resolver(() => PipelineStage)
export class PipelineStageResolver {
  constructor(private readonly services: CrmServices) {}

  @FieldResolver(() => Pipeline, { nullable: true })
  pipeline(@Root() stage: PipelineStage, @Ctx() context: Context): Promise<Pipeline | null> {
    return pipelineById(this.services, context.loaders, context.request).load(stage.pipelineId);
  }

  @FieldResolver(() => DealConnection, { nullable: true, description: 'The stage’s deals (a column of the deal board).' })
  deals(@Root() stage: PipelineStage, @Args(() => DealsArgs) args: DealsArgs, @Ctx() context: Context): Promise<Connection<Deal>> {
    return groupedDeals(this.services, context.loaders, context.request, 'stageId', args).load(stage.id);
  }

  @FieldResolver(() => [StageDealTotal], { description: 'Number and total value of the stage’s deals, per currency.' })
  async dealTotals(@Root() stage: PipelineStage, @Ctx() context: Context): Promise<StageDealTotal[]> {
    const rows = await stageTotals(this.services, context.loaders, context.request).load(stage.id);
    return rows.map((row) => Object.assign(new StageDealTotal(), { deals: row.deals, value: Money.of(row.total, row.currency) }));
  }
}
