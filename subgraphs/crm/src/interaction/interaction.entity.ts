import { GraphQLDateTimeISO, GraphQLJSONObject, NodeEntity } from '@cellgraph/kernel';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, DeleteDateColumn, Entity, UpdateDateColumn } from 'typeorm';

export enum InteractionType {
  EMAIL = 'email',
  CALL = 'call',
  MEETING = 'meeting',
  NOTE = 'note',
  SMS = 'sms',
}
registerEnumType(InteractionType, { name: 'InteractionType' });

export enum InteractionDirection {
  INBOUND = 'inbound',
  OUTBOUND = 'outbound',
}
registerEnumType(InteractionDirection, { name: 'InteractionDirection' });

@Entity({ name: 'interactions' })
@ObjectType('Interaction', { description: 'A touchpoint with a contact: an e-mail, call, meeting, note or text message.' })
export class Interaction extends NodeEntity('Interaction') {
  @Column('uuid') orgId!: string;
  @Column('uuid') contactId!: string;
  @Column('uuid', { nullable: true }) dealId!: string | null;
  @Field(() => InteractionType) @Column('text') type!: InteractionType;
  @Field(() => InteractionDirection, { nullable: true }) @Column('text', { nullable: true }) direction!: InteractionDirection | null;
  @Field(() => String, { nullable: true }) @Column('text', { nullable: true }) subject!: string | null;
  @Field(() => String, { nullable: true }) @Column('text', { nullable: true }) body!: string | null;
  @Field(() => Int, { nullable: true, description: 'Length of a call or meeting.' }) @Column('int', { nullable: true }) durationSeconds!: number | null;
  @Field(() => GraphQLDateTimeISO) @Column('timestamptz') occurredAt!: Date;
  @Column('uuid') loggedBy!: string;
  @Field(() => GraphQLJSONObject) @Column('jsonb', { default: {} }) metadata!: Record<string, unknown>;
  @Field(() => GraphQLDateTimeISO) @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Field(() => GraphQLDateTimeISO) @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
  @DeleteDateColumn({ type: 'timestamptz' }) deletedAt!: Date | null;
}
