import { GraphQLDateTimeISO, NodeEntity } from '@cellgraph/kernel';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, DeleteDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { TaskPriority } from '../task/task.entity.js';

export enum AssigneeStrategy {
  SAME = 'same',
  ROTATE = 'rotate',
  ROUND_ROBIN = 'round_robin',
}
registerEnumType(AssigneeStrategy, {
  name: 'AssigneeStrategy',
  description: 'SAME: always the first listed; ROTATE: the next in the list each time; ROUND_ROBIN: the listed person with the fewest open tasks.',
});

@Entity({ name: 'recurrences' })
@ObjectType('TaskRecurrence', { description: 'Creates a task from a template on a cron schedule, once per due time.' })
export class Recurrence extends NodeEntity('TaskRecurrence') {
  @Column('uuid') orgId!: string;
  @Field() @Column('text') title!: string;
  @Field(() => String, { nullable: true }) @Column('text', { nullable: true }) description!: string | null;
  @Field(() => TaskPriority, { nullable: true }) @Column('text', { nullable: true }) priority!: TaskPriority | null;
  @Column('uuid', { nullable: true }) boardId!: string | null;
  @Column('uuid', { nullable: true }) columnId!: string | null;
  @Field({ description: 'Cron expression (5 fields, or 6 with seconds).' }) @Column('text') cron!: string;
  @Field({ description: 'IANA time zone the cron expression is read in.' }) @Column('text') timezone!: string;
  @Field(() => AssigneeStrategy) @Column('text') assigneeStrategy!: AssigneeStrategy;
  @Column('uuid', { array: true }) assigneeIds!: string[];
  @Column('int') nextAssigneeIndex!: number;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) @Column('timestamptz', { nullable: true }) nextRunAt!: Date | null;
  @Field() @Column('boolean') active!: boolean;
  @Column('uuid') createdBy!: string;
  @Field(() => GraphQLDateTimeISO) @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
  @DeleteDateColumn({ type: 'timestamptz' }) deletedAt!: Date | null;
}

/** One due time of a recurrence and the task created for it (the key makes it once). */
@Entity({ name: 'recurrence_runs' })
export class RecurrenceRun {
  @PrimaryColumn('uuid') recurrenceId!: string;
  @PrimaryColumn('timestamptz') dueAt!: Date;
  @Column('uuid') orgId!: string;
  @Column('uuid') taskId!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
