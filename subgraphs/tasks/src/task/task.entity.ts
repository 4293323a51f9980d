import { GraphQLDateTimeISO, GraphQLJSONObject, NodeEntity } from '@cellgraph/kernel';
import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, DeleteDateColumn, Entity, UpdateDateColumn } from 'typeorm';

export enum TaskStatus {
  TODO = 'todo',
  IN_PROGRESS = 'in_progress',
  DONE = 'done',
  CANCELED = 'canceled',
}
registerEnumType(TaskStatus, { name: 'TaskStatus' });

export enum TaskPriority {
  URGENT = 'urgent',
  HIGH = 'high',
  MEDIUM = 'medium',
  LOW = 'low',
}
registerEnumType(TaskPriority, { name: 'TaskPriority' });

@Entity({ name: 'tasks' })
@ObjectType('Task', { description: 'A unit of work in an organization.' })
@Directive('@key(fields: "id")')
export class Task extends NodeEntity('Task') {
  @Column('uuid')
  orgId!: string;

  @Field()
  @Column('text')
  title!: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  description!: string | null;

  @Field(() => TaskStatus)
  @Column('text')
  status!: TaskStatus;

  @Field(() => TaskPriority, { nullable: true })
  @Column('text', { nullable: true })
  priority!: TaskPriority | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  @Column('timestamptz', { nullable: true })
  dueDate!: Date | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  @Column('timestamptz', { nullable: true })
  startDate!: Date | null;

  @Column('uuid', { nullable: true })
  boardId!: string | null;

  @Column('uuid', { nullable: true })
  columnId!: string | null;

  /** Fractional key ordering the task within its column. */
  @Field(() => String, { nullable: true, description: 'Order within the column (compare as plain strings).' })
  @Column('text', { nullable: true })
  position!: string | null;

  @Column('uuid', { nullable: true })
  parentId!: string | null;

  @Field(() => GraphQLJSONObject, { description: 'Custom fields of the task.' })
  @Column('jsonb', { default: {} })
  metadata!: Record<string, unknown>;

  @Field(() => Int, { nullable: true, description: 'Estimate, kept in metadata.storyPoints.' })
  get storyPoints(): number | null {
    const points = this.metadata?.storyPoints;
    return typeof points === 'number' ? points : null;
  }

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When the task last became DONE.' })
  @Column('timestamptz', { nullable: true })
  completedAt!: Date | null;

  @Column('uuid', { nullable: true })
  assigneeId!: string | null;

  @Column('uuid')
  createdBy!: string;

  @Field(() => GraphQLDateTimeISO)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => GraphQLDateTimeISO)
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @DeleteDateColumn({ type: 'timestamptz' })
  deletedAt!: Date | null;
}
