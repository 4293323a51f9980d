import { ConnectionArgs, ConnectionType, DeletePayload, IdInput, Money, UserError } from '@cellgraph/kernel';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Pipeline, PipelineStage, PipelineType } from './pipeline.entities.js';

@InputType()
export class PipelineStageInput {
  @Field() name!: string;
  @Field(() => String, { nullable: true }) color?: string | null;
  @Field(() => Int, { description: 'Percent chance a deal here closes won, 0 to 100.' }) probability!: number;
  @Field({ nullable: true, defaultValue: false, description: 'Deals here are closed.' }) closed?: boolean;
  @Field({ nullable: true, defaultValue: false, description: 'Deals here are closed won (implies closed).' }) won?: boolean;
}

@InputType()
export class PipelineCreateInput {
  @Field() name!: string;
  @Field(() => PipelineType, { defaultValue: PipelineType.DEAL }) type!: PipelineType;
  @Field(() => [PipelineStageInput], {
    nullable: true,
    description: 'In order. Defaults per type, e.g. Qualified, Proposal, Negotiation, Closed won, Closed lost.',
  })
  stages?: PipelineStageInput[] | null;
}

@InputType()
export class PipelineUpdateInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) name?: string | null;
}

@InputType()
export class PipelineStageCreateInput extends PipelineStageInput {
  @Field(() => ID) pipelineId!: string;
  @Field(() => ID, { nullable: true, description: 'Place it right after this stage (default: last).' }) afterStageId?: string | null;
}

@InputType({ description: 'A new probability flows to the stage’s deals that do not override theirs.' })
export class PipelineStageUpdateInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) color?: string | null;
  @Field(() => Int, { nullable: true }) probability?: number | null;
  @Field(() => Boolean, { nullable: true }) closed?: boolean | null;
  @Field(() => Boolean, { nullable: true }) won?: boolean | null;
}

@InputType()
export class PipelineStageMoveInput {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true, description: 'Right after this stage; null: first.' }) afterStageId?: string | null;
}

export const PipelineDeleteInput = IdInput('PipelineDeleteInput');
export const PipelineRestoreInput = IdInput('PipelineRestoreInput');
export const PipelineStageDeleteInput = IdInput('PipelineStageDeleteInput');
export const PipelineDeletePayload = DeletePayload('PipelineDeletePayload', 'deletedPipelineId', 'Id of the pipeline moved to the trash.');
export const PipelineStageDeletePayload = DeletePayload('PipelineStageDeletePayload', 'deletedPipelineStageId');

@ObjectType()
export class PipelinePayload {
  @Field(() => Pipeline, { nullable: true }) pipeline?: Pipeline;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType()
export class PipelineStagePayload {
  @Field(() => PipelineStage, { nullable: true }) stage?: PipelineStage;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType({ description: 'The deals of a stage in one currency.' })
export class StageDealTotal {
  @Field(() => Int) deals!: number;
  @Field(() => Money) value!: Money;
}

@ArgsType()
export class PipelinesArgs extends ConnectionArgs {
  @Field(() => PipelineType, { nullable: true }) type?: PipelineType | null;
}

export const PipelineConnection = ConnectionType(Pipeline, 'Pipeline');
