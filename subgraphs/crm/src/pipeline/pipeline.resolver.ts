import {
  ConnectionArgs,
  ConnectionType,
  DeletePayload,
  fromGlobalId,
  IdInput,
  Money,
  mutationPayload,
  requireOrgId,
  UserError,
  type Connection,
  type SubgraphContext,
} from '@cellgraph/kernel';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Deal } from '../deal/deal.entity.js';
import { DealConnection, DealsArgs } from '../deal/deal.inputs.js';
import { groupedDeals, stageTotals } from '../deal/deal.loaders.js';
import type { CrmServices } from '../services.js';
import { Pipeline, PipelineStage, PipelineType } from './pipeline.entities.js';
import { pipelineById, stagesOf } from './pipeline.loaders.js';

type Context = SubgraphContext<CrmServices>;

@InputType()
class PipelineStageInput {
  @Field() name!: string;
  @Field(() => String, { nullable: true }) color?: string | null;
  @Field(() => Int, { description: 'Percent chance a deal here closes won, 0 to 100.' }) probability!: number;
  @Field({ nullable: true, defaultValue: false, description: 'Deals here are closed.' }) closed?: boolean;
  @Field({ nullable: true, defaultValue: false, description: 'Deals here are closed won (implies closed).' }) won?: boolean;
}

@InputType()
class PipelineCreateInput {
  @Field() name!: string;
  @Field(() => PipelineType, { defaultValue: PipelineType.DEAL }) type!: PipelineType;
  @Field(() => [PipelineStageInput], { nullable: true, description: 'In order. Defaults per type, e.g. Qualified, Proposal, Negotiation, Closed won, Closed lost.' })
  stages?: PipelineStageInput[] | null;
}

@InputType()
class PipelineUpdateInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) name?: string | null;
}

@InputType()
class PipelineStageCreateInput extends PipelineStageInput {
  @Field(() => ID) pipelineId!: string;
  @Field(() => ID, { nullable: true, description: 'Place it right after this stage (default: last).' }) afterStageId?: string | null;
}

@InputType({ description: 'A new probability flows to the stage’s deals that do not override theirs.' })
class PipelineStageUpdateInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) color?: string | null;
  @Field(() => Int, { nullable: true }) probability?: number | null;
  @Field(() => Boolean, { nullable: true }) closed?: boolean | null;
  @Field(() => Boolean, { nullable: true }) won?: boolean | null;
}

@InputType()
class PipelineStageMoveInput {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true, description: 'Right after this stage; null: first.' }) afterStageId?: string | null;
}

const PipelineDeleteInput = IdInput('PipelineDeleteInput');
const PipelineRestoreInput = IdInput('PipelineRestoreInput');
const PipelineStageDeleteInput = IdInput('PipelineStageDeleteInput');
const PipelineDeletePayload = DeletePayload('PipelineDeletePayload', 'deletedPipelineId', 'Id of the pipeline moved to the trash.');
const PipelineStageDeletePayload = DeletePayload('PipelineStageDeletePayload', 'deletedPipelineStageId');

@ObjectType()
class PipelinePayload {
  @Field(() => Pipeline, { nullable: true }) pipeline?: Pipeline;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType()
class PipelineStagePayload {
  @Field(() => PipelineStage, { nullable: true }) stage?: PipelineStage;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType({ description: 'The deals of a stage in one currency.' })
class StageDealTotal {
  @Field(() => Int) deals!: number;
  @Field(() => Money) value!: Money;
}

@ArgsType()
class PipelinesArgs extends ConnectionArgs {
  @Field(() => PipelineType, { nullable: true }) type?: PipelineType | null;
}

const PipelineConnection = ConnectionType(Pipeline, 'Pipeline');

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
    return stagesOf(this.services, context.loaders).load(pipeline.id);
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
