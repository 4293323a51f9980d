import { GraphQLDateTimeISO, GraphQLJSONObject, GraphQLLocalDate, Money, NodeEntity } from '@cellgraph/kernel';
import Big from 'big.js';
import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, DeleteDateColumn, Entity, UpdateDateColumn } from 'typeorm';

export enum DealStatus {
  OPEN = 'open',
  WON = 'won',
  LOST = 'lost',
}
registerEnumType(DealStatus, { name: 'DealStatus', description: 'Where the deal’s stage stands: open, closed won or closed lost.' });

@Entity({ name: 'deals' })
@ObjectType('Deal', { description: 'A potential sale to a contact, moving through a pipeline’s stages.' })
@Directive('@key(fields: "id")')
export class Deal extends NodeEntity('Deal') {
  @Column('uuid') orgId!: string;
  @Column('uuid') contactId!: string;
  @Column('uuid') pipelineId!: string;
  @Column('uuid') stageId!: string;
  @Field() @Column('text') title!: string;

  /** Exact decimal text as Postgres returns numeric (never a float). */
  @Column('numeric', { name: 'value' }) amount!: string;
  @Column('char', { length: 3 }) currency!: string;

  @Field(() => Int, { description: 'Percent chance to close won: the stage’s, unless overridden.' }) @Column('int') probability!: number;
  @Field({ description: 'True when the probability was set on the deal rather than taken from its stage.' }) @Column('boolean') probabilityOverridden!: boolean;
  @Field(() => GraphQLLocalDate, { nullable: true }) @Column('date', { nullable: true }) expectedCloseDate!: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Set when the deal reaches a closed stage.' })
  @Column('date', { nullable: true })
  actualCloseDate!: string | null;
  @Field(() => String, { nullable: true }) @Column('text', { nullable: true }) lostReason!: string | null;
  @Column('uuid', { nullable: true }) ownerId!: string | null;
  @Field(() => GraphQLJSONObject, { description: 'Custom data of the deal.' }) @Column('jsonb', { default: {} }) metadata!: Record<string, unknown>;
  @Column('uuid') createdBy!: string;
  @Field(() => GraphQLDateTimeISO) @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Field(() => GraphQLDateTimeISO) @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
  @DeleteDateColumn({ type: 'timestamptz' }) deletedAt!: Date | null;

  @Field(() => Money, { description: 'What the deal is worth.' })
  get value(): Money {
    return Money.of(this.amount, this.currency);
  }

  @Field(() => Money, { description: 'value × probability, rounded to the currency’s minor unit.' })
  get weightedValue(): Money {
    return Money.of(new Big(this.amount).times(this.probability).div(100), this.currency);
  }
}
