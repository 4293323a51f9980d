import { GraphQLDateTimeISO, GraphQLLocalDate, NodeEntity } from '@cellgraph/kernel';
import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, UpdateDateColumn } from 'typeorm';
import { RecurrenceFrequency } from './recurrence-dates.js';

export { RecurrenceFrequency };

registerEnumType(RecurrenceFrequency, {
  name: 'RecurrenceFrequency',
  description: 'How often a recurring invoice is issued; a month-end start day is kept (Jan 31 → Feb 28/29 → Mar 31).',
});

@Entity({ name: 'recurring_invoices' })
@ObjectType('RecurringInvoice', {
  description: 'A recurrence rule: its template invoice is copied into a new invoice every period (the template itself is never sent).',
})
@Directive('@key(fields: "id")')
export class RecurringInvoice extends NodeEntity('RecurringInvoice') {
  @Column('uuid')
  orgId!: string;

  @Column('uuid')
  templateInvoiceId!: string;

  @Field(() => RecurrenceFrequency)
  @Column('text')
  frequency!: RecurrenceFrequency;

  @Field(() => GraphQLLocalDate, { name: 'startDate', description: 'The first period; every period counts from it.' })
  @Column('date')
  anchorDate!: string;

  /** How many periods were issued (the next one is the `periodIndex`-th after the anchor). */
  @Column('int')
  periodIndex!: number;

  @Field(() => GraphQLLocalDate, { description: 'The next period to issue (the job issues it on that day, UTC).' })
  @Column('date')
  nextIssueDate!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'No period after it is issued.' })
  @Column('date', { nullable: true })
  endDate!: string | null;

  @Field({ description: 'Whether each issued invoice is sent to the customer right away.' })
  @Column('boolean')
  autoSend!: boolean;

  @Field(() => [String], {
    nullable: true,
    description: 'Who each issued invoice is e-mailed to when auto-send is on (the given addresses, else the contact’s e-mail address when auto-send was set).',
  })
  @Column('text', { array: true, nullable: true })
  sendTo!: string[] | null;

  /** The organization's and the customer's names when auto-send was set (the job has no caller to ask the graph as). */
  @Column('text', { nullable: true })
  organizationName!: string | null;

  @Column('text', { nullable: true })
  customerName!: string | null;

  /** The contact those were asked for: the job sends nothing once the template bills another one. */
  @Column('uuid', { nullable: true })
  customerContactId!: string | null;

  @Field({ description: 'false once stopped (recurringInvoiceStop): no more periods are issued.' })
  @Column('boolean')
  enabled!: boolean;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  @Column('timestamptz', { nullable: true })
  stoppedAt!: Date | null;

  @Column('uuid')
  createdBy!: string;

  @Field(() => GraphQLDateTimeISO)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => GraphQLDateTimeISO)
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Field({ description: 'Whether periods remain to be issued: running and not past its end date.' })
  get active(): boolean {
    return this.enabled && (this.endDate === null || this.nextIssueDate <= this.endDate);
  }
}
