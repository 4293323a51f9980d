import { ConnectionArgs, ConnectionType, GraphQLLocalDate, IdempotencyKeyField, IdInput, IDComparator, UserError } from '@cellgraph/kernel';
import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { RecurrenceFrequency, RecurringInvoice } from './recurring-invoice.entity.js';

@InputType({ description: 'Makes an invoice the template of a recurring invoice.' })
export class InvoiceMakeRecurringInput {
  @Field(() => ID, { description: 'The template: an invoice of your organization that is not VOID (it is copied, never sent).' })
  invoiceId!: string;

  @Field(() => RecurrenceFrequency)
  frequency!: RecurrenceFrequency;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'The first period (default today, UTC); a past date issues the missed periods.' })
  startDate?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'No period after it is issued; default never.' })
  endDate?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Send each issued invoice to the customer right away; default false.' })
  autoSend?: boolean | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Who auto-sent invoices go to (1 to 10 e-mail addresses); default: the contact’s e-mail address.',
  })
  sendTo?: string[] | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@InputType({ description: 'Changes a running recurring invoice; a new next issue date starts the periods again from it.' })
export class RecurringInvoiceUpdateInput {
  @Field(() => ID)
  id!: string;

  @Field(() => RecurrenceFrequency, { nullable: true })
  frequency?: RecurrenceFrequency | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'The next period (and the new anchor of the following ones).' })
  nextIssueDate?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'null: no end date.' })
  endDate?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Turning it on asks for the recipients and the names again, as you.' })
  autoSend?: boolean | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Who auto-sent invoices go to (1 to 10 e-mail addresses); omitted keeps them, null: the contact’s e-mail address.',
  })
  sendTo?: string[] | null;
}

export const RecurringInvoiceStopInput = IdInput('RecurringInvoiceStopInput');

@ObjectType()
export class RecurringInvoicePayload {
  @Field(() => RecurringInvoice, { nullable: true })
  recurringInvoice?: RecurringInvoice;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@InputType({ description: 'Conditions on recurring invoices; fields combine with AND.' })
export class RecurringInvoiceFilter {
  @Field(() => IDComparator, { nullable: true }) id?: IDComparator | null;
  @Field(() => IDComparator, { nullable: true, description: 'The template (Invoice ids).' }) template?: IDComparator | null;
  @Field(() => Boolean, { nullable: true, description: 'true: running; false: stopped.' }) enabled?: boolean | null;
}

@ArgsType()
export class RecurringInvoicesArgs extends ConnectionArgs {
  @Field(() => RecurringInvoiceFilter, { nullable: true })
  filter?: RecurringInvoiceFilter | null;
}

export const RecurringInvoiceConnection = ConnectionType(RecurringInvoice, 'RecurringInvoice');
