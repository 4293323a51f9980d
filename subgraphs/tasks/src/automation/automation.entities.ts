import { GraphQLDateTimeISO, GraphQLJSON, NodeEntity } from '@cellgraph/kernel';
import { Field, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'automations' })
@ObjectType('TaskAutomation', { description: 'A board rule: when the trigger event happens and the conditions hold, the actions run.' })
export class Automation extends NodeEntity('TaskAutomation') {
  @Column('uuid') orgId!: string;
  @Column('uuid') boardId!: string;
  @Field() @Column('text') name!: string;
  @Field({ description: 'Event type, e.g. task.status_changed.' }) @Column('text') trigger!: string;
  @Field(() => GraphQLJSON, { description: 'All must hold: [{ field, operator, value }].' }) @Column('jsonb') conditions!: AutomationCondition[];
  @Field(() => GraphQLJSON, { description: '[{ type: notify|set_field|reassign, … }].' }) @Column('jsonb') actions!: AutomationAction[];
  @Field() @Column('boolean') active!: boolean;
  @Column('uuid') createdBy!: string;
  @Field(() => GraphQLDateTimeISO) @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}

/** A run of an automation for one event (the key makes each event fire each rule once). */
@Entity({ name: 'automation_runs' })
export class AutomationRun {
  @PrimaryColumn('uuid') automationId!: string;
  @PrimaryColumn('uuid') eventId!: string;
  @Column('uuid') orgId!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}

export interface AutomationCondition {
  field: 'status' | 'priority' | 'assigneeId' | 'columnId' | 'title';
  operator: 'eq' | 'neq' | 'in' | 'contains' | 'isNull';
  value?: unknown;
}

export type AutomationAction =
  | { type: 'notify'; recipients: ('assignee' | 'watchers' | 'creator')[]; message: string }
  | { type: 'set_field'; field: 'status' | 'priority' | 'dueDate'; value: unknown }
  | { type: 'reassign'; assigneeId: string | null };
