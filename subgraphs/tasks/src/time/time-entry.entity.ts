import { GraphQLDateTimeISO, NodeEntity } from '@cellgraph/kernel';
import { Field, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'time_entries' })
@ObjectType('TimeEntry', { description: 'Time spent on a task: a running timer (no end yet) or a finished entry.' })
export class TimeEntry extends NodeEntity('TimeEntry') {
  @Column('uuid') orgId!: string;
  @Column('uuid') taskId!: string;
  @Column('uuid') userId!: string;
  @Field(() => GraphQLDateTimeISO) @Column('timestamptz') startedAt!: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) @Column('timestamptz', { nullable: true }) endedAt!: Date | null;
  @Field() @Column('boolean') billable!: boolean;
  @Field(() => String, { nullable: true }) @Column('text', { nullable: true }) note!: string | null;
  @Field(() => GraphQLDateTimeISO) @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;

  @Field(() => Int, { description: 'Seconds spent (so far, for a running timer).' })
  get durationSeconds(): number {
    return Math.max(0, Math.round(((this.endedAt ?? new Date()).getTime() - this.startedAt.getTime()) / 1000));
  }

  @Field({ description: 'True while the timer runs.' })
  get running(): boolean {
    return this.endedAt === null;
  }
}
