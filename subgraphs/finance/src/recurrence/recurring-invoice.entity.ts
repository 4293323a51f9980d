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
