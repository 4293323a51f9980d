import { GraphQLDateTimeISO, GraphQLLocalDate, NodeEntity } from '@cellgraph/kernel';
import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, UpdateDateColumn } from 'typeorm';

export enum DeliverableFrequency {
  ONCE = 'ONCE',
  WEEKLY = 'WEEKLY',
  MONTHLY = 'MONTHLY',
  QUARTERLY = 'QUARTERLY',
}
registerEnumType(DeliverableFrequency, {
  name: 'DeliverableFrequency',
  description: 'How the quantity is delivered: all on the due date (ONCE), or an even share each week, month or quarter from the start date.',
});

@Entity({ name: 'deliverables' })
@ObjectType('Deliverable', { description: 'What a signed contract commits to deliver (e.g. 12 posts, monthly, on Instagram), with its progress and pace.' })
@Directive('@key(fields: "id")')
export class Deliverable extends NodeEntity('Deliverable') {
  @Column('uuid') orgId!: string;
  @Column('uuid') documentId!: string;
  @Field() @Column('text') title!: string;
  @Field(() => Int, { description: 'How many items are due in all, by the due date.' }) @Column('int') quantity!: number;
  @Field(() => DeliverableFrequency) @Column('text') frequency!: DeliverableFrequency;
  @Field(() => String, { nullable: true, description: 'Where it is delivered (free text: a channel, a platform).' })
  @Column('text', { nullable: true })
  platform!: string | null;
  @Field(() => GraphQLLocalDate, { description: 'When the first period starts: the contract’s signature date unless set.' })
  @Column('date')
  startDate!: string;
  @Field(() => GraphQLLocalDate, { description: 'When the last period ends.' }) @Column('date') dueDate!: string;
  @Field(() => Int, { description: 'How many items are done.' }) @Column('int') progress!: number;
  @Field({ description: 'False when the progress was below the expected progress at the last check (daily, and at each change).' })
  @Column('boolean')
  onTrack!: boolean;
  @Column('uuid') ownerId!: string;
  @Column('uuid') createdBy!: string;
  @Field(() => GraphQLDateTimeISO) @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Field(() => GraphQLDateTimeISO) @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
