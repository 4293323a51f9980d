import { GraphQLDateTimeISO, NodeEntity } from '@cellgraph/kernel';
import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, DeleteDateColumn, Entity, UpdateDateColumn } from 'typeorm';

export enum PipelineType {
  DEAL = 'deal',
  LEAD = 'lead',
  ONBOARDING = 'onboarding',
}
registerEnumType(PipelineType, {
  name: 'PipelineType',
  valuesConfig: {
    DEAL: { description: 'Stages of deals.' },
    LEAD: { description: 'Stages of leads (Contact.stage).' },
    ONBOARDING: { description: 'Stages of new clients (Contact.stage).' },
  },
});

@Entity({ name: 'pipelines' })
@ObjectType('Pipeline', { description: 'An ordered series of stages that deals (or leads) move through.' })
@Directive('@key(fields: "id")')
export class Pipeline extends NodeEntity('Pipeline') {
  @Column('uuid') orgId!: string;
  @Field() @Column('text') name!: string;
  @Field(() => PipelineType) @Column('text') type!: PipelineType;
  @Column('uuid') createdBy!: string;
  @Field(() => GraphQLDateTimeISO) @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
  @DeleteDateColumn({ type: 'timestamptz' }) deletedAt!: Date | null;
}

@Entity({ name: 'pipeline_stages' })
@ObjectType('PipelineStage', { description: 'A stage of a pipeline.' })
export class PipelineStage extends NodeEntity('PipelineStage') {
  @Column('uuid') orgId!: string;
  @Column('uuid') pipelineId!: string;
  @Field() @Column('text') name!: string;
  @Field({ description: 'Order within the pipeline (compare as plain strings).' }) @Column('text') position!: string;
  @Field(() => String, { nullable: true }) @Column('text', { nullable: true }) color!: string | null;
  @Field(() => Int, { description: 'Percent chance a deal here closes won; deals take it unless overridden.' }) @Column('int') probability!: number;
  @Field({ description: 'Deals here are closed (won or lost).' }) @Column('boolean') closed!: boolean;
  @Field({ description: 'Deals here are closed won.' }) @Column('boolean') won!: boolean;
  @Field(() => GraphQLDateTimeISO) @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
