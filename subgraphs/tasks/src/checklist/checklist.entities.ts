import { GraphQLDateTimeISO, NodeEntity } from '@cellgraph/kernel';
import { Field, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity } from 'typeorm';

@Entity({ name: 'checklists' })
@ObjectType('Checklist')
export class Checklist extends NodeEntity('Checklist') {
  @Column('uuid') orgId!: string;
  @Column('uuid') taskId!: string;
  @Field() @Column('text') title!: string;
  @Field(() => GraphQLDateTimeISO) @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}

@Entity({ name: 'checklist_items' })
@ObjectType('ChecklistItem')
export class ChecklistItem extends NodeEntity('ChecklistItem') {
  @Column('uuid') orgId!: string;
  @Column('uuid') checklistId!: string;
  @Field() @Column('text') title!: string;
  @Field() @Column('boolean') done!: boolean;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) @Column('timestamptz', { nullable: true }) doneAt!: Date | null;
  @Field() @Column('text') position!: string;
  @Field(() => GraphQLDateTimeISO) @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
