import {
  ConnectionArgs,
  ConnectionType,
  DateComparator,
  DateTimeComparator,
  DecimalComparator,
  DeletePayload,
  EnumComparator,
  GraphQLCurrencyCode,
  GraphQLDecimal,
  GraphQLLocalDate,
  IdempotencyKeyField,
  IdInput,
  IDComparator,
  OrderDirection,
  StringComparator,
  UserError,
} from '@cellgraph/kernel';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { InvoiceLine } from './invoice-line.entity.js';
import { Invoice, InvoiceDiscountKind, InvoiceStatus } from './invoice.entity.js';

@InputType({ description: 'A line of an invoice.' })
export class InvoiceLineInput {
  @Field({ description: '1 to 500 characters.' })
  description!: string;

  @Field(() => GraphQLDecimal, { nullable: true, description: 'More than 0, up to 4 decimals; default "1".' })
  quantity?: string | null;

  @Field(() => GraphQLDecimal, { description: 'Price of one, 0 or more, in the invoice’s currency (its minor units at most).' })
  unitPrice!: string;

  @Field(() => GraphQLDecimal, { nullable: true, description: 'Tax rate in percent, 0 to 100, up to 4 decimals; default "0".' })
  taxRate?: string | null;
}

@InputType({ description: 'An invoice-level discount, taken off the subtotal before tax.' })
export class InvoiceDiscountInput {
  @Field(() => InvoiceDiscountKind)
  kind!: InvoiceDiscountKind;

  @Field(() => GraphQLDecimal, { description: 'AMOUNT: 0 or more in the invoice’s currency (capped at the subtotal); PERCENT: 0 to 100, up to 4 decimals.' })
  value!: string;
}

@InputType()
export class InvoiceCreateInput {
  @Field(() => ID, { description: 'The customer: a CRM contact of your organization.' })
  contactId!: string;

  @Field(() => ID, { nullable: true, description: 'The CRM deal it bills, if any.' })
  dealId?: string | null;

  @Field(() => GraphQLCurrencyCode, { nullable: true, description: 'Default USD.' })
  currencyCode?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Default today (UTC); its year and month go into the number.' })
  issueDate?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'On or after the issue date; default 30 days after it.' })
  dueDate?: string | null;

  @Field(() => InvoiceDiscountInput, { nullable: true })
  discount?: InvoiceDiscountInput | null;

  @Field(() => String, { nullable: true, description: 'Notes shown to the customer, up to 10,000 characters.' })
  memo?: string | null;

  @Field(() => String, { nullable: true, description: 'Up to 10,000 characters.' })
  terms?: string | null;

  @Field(() => [InvoiceLineInput], { nullable: true, description: 'Its first lines, in order (at most 500).' })
  lines?: InvoiceLineInput[] | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@InputType({ description: 'Fields left out are unchanged; fields set to null are cleared. Only a DRAFT changes anything but memo and terms.' })
export class InvoiceUpdateInput {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { nullable: true })
  contactId?: string | null;

  @Field(() => ID, { nullable: true, description: 'null: bills no deal.' })
  dealId?: string | null;

  @Field(() => GraphQLCurrencyCode, { nullable: true, description: 'Every line’s unit price must fit the new currency’s minor units.' })
  currencyCode?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'The number keeps the year it was given.' })
  issueDate?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  dueDate?: string | null;

  @Field(() => InvoiceDiscountInput, { nullable: true, description: 'null: no discount.' })
  discount?: InvoiceDiscountInput | null;

  @Field(() => String, { nullable: true, description: 'Also after the invoice is sent (not once VOID).' })
  memo?: string | null;

  @Field(() => String, { nullable: true, description: 'Also after the invoice is sent (not once VOID).' })
  terms?: string | null;
}

@InputType({ description: 'A new line on a DRAFT invoice.' })
export class InvoiceLineAddInput extends InvoiceLineInput {
  @Field(() => ID)
  invoiceId!: string;

  @Field(() => Int, { nullable: true, description: 'Where it goes (0: first); default last.' })
  position?: number | null;
}

@InputType({ description: 'Changes to a line of a DRAFT invoice; fields left out are unchanged.' })
export class InvoiceLineUpdateInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => GraphQLDecimal, { nullable: true })
  quantity?: string | null;

  @Field(() => GraphQLDecimal, { nullable: true })
  unitPrice?: string | null;

  @Field(() => GraphQLDecimal, { nullable: true })
  taxRate?: string | null;

  @Field(() => Int, { nullable: true, description: 'Move it to this place (0: first).' })
  position?: number | null;
}

export const InvoiceLineRemoveInput = IdInput('InvoiceLineRemoveInput', 'The line’s id.');
export const InvoiceDeleteInput = IdInput('InvoiceDeleteInput');
export const InvoiceRestoreInput = IdInput('InvoiceRestoreInput');
export const InvoiceVoidInput = IdInput('InvoiceVoidInput');

@InputType({ description: 'A new DRAFT invoice with a new number, the same customer, deal, currency, discount, memo, terms and lines.' })
export class InvoiceDuplicateInput {
  @Field(() => ID)
  id!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Default today (UTC).' })
  issueDate?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Default: as many days after the issue date as the original’s.' })
  dueDate?: string | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@InputType()
export class InvoiceSettingsUpdateInput {
  @Field({
    description:
      'The numbering pattern: text with {YYYY}, {YY}, {MM} (of the issue date) and one {SEQ} or {SEQ:n} (the number in the series, n digits), e.g. "INV-{YYYY}-{SEQ:4}".',
  })
  numberPattern!: string;
}

@ObjectType()
export class InvoicePayload {
  @Field(() => Invoice, { nullable: true })
  invoice?: Invoice;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType()
export class InvoiceLinePayload {
  @Field(() => InvoiceLine, { nullable: true })
  line?: InvoiceLine;

  @Field(() => Invoice, { nullable: true, description: 'The invoice with its new totals.' })
  invoice?: Invoice;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType()
export class InvoiceLineRemovePayload {
  @Field(() => ID, { nullable: true, description: 'Id of the removed line.' })
  removedInvoiceLineId?: string;

  @Field(() => Invoice, { nullable: true, description: 'The invoice with its new totals.' })
  invoice?: Invoice;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType({ description: 'How your organization’s invoices are numbered.' })
export class InvoiceSettings {
  @Field({ description: 'The numbering pattern (default "INV-{YYYY}-{SEQ:4}").' })
  numberPattern!: string;

  @Field({ description: 'The number an invoice created now, issued today, would get.' })
  nextNumber!: string;
}

@ObjectType()
export class InvoiceSettingsPayload {
  @Field(() => InvoiceSettings, { nullable: true })
  settings?: InvoiceSettings;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

export const InvoiceDeletePayload = DeletePayload('InvoiceDeletePayload', 'deletedInvoiceId', 'Id of the invoice moved to the trash.');

export const InvoiceStatusComparator = EnumComparator(InvoiceStatus, 'InvoiceStatus');

@InputType({ description: 'Conditions on invoices; fields combine with AND.' })
export class InvoiceFilter {
  @Field(() => IDComparator, { nullable: true }) id?: IDComparator | null;
  @Field(() => StringComparator, { nullable: true }) number?: StringComparator | null;
  @Field(() => InvoiceStatusComparator, { nullable: true }) status?: InstanceType<typeof InvoiceStatusComparator> | null;
  @Field(() => IDComparator, { nullable: true, description: 'The customer (Contact ids).' }) contact?: IDComparator | null;
  @Field(() => IDComparator, { nullable: true, description: 'The deal (Deal ids).' }) deal?: IDComparator | null;
  @Field(() => StringComparator, { nullable: true, description: 'The currency code, e.g. { eq: "EUR" }.' }) currencyCode?: StringComparator | null;
  @Field(() => DateComparator, { nullable: true }) issueDate?: DateComparator | null;
  @Field(() => DateComparator, { nullable: true }) dueDate?: DateComparator | null;
  @Field(() => DecimalComparator, { nullable: true, description: 'The total amount.' }) total?: DecimalComparator | null;
  @Field(() => DecimalComparator, { nullable: true, description: 'The amount due.' }) amountDue?: DecimalComparator | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'true: OVERDUE, or open (SENT, VIEWED, PARTIALLY_PAID) with the due date passed (before the daily job ran); false: the others.',
  })
  overdue?: boolean | null;
  @Field(() => IDComparator, { nullable: true, description: 'The creator (User ids).' }) createdBy?: IDComparator | null;
  @Field(() => DateTimeComparator, { nullable: true }) createdAt?: DateTimeComparator | null;
  @Field(() => DateTimeComparator, { nullable: true }) updatedAt?: DateTimeComparator | null;
  @Field(() => [InvoiceFilter], { nullable: true }) and?: InvoiceFilter[] | null;
  @Field(() => [InvoiceFilter], { nullable: true }) or?: InvoiceFilter[] | null;
  @Field(() => InvoiceFilter, { nullable: true }) not?: InvoiceFilter | null;
}

export enum InvoiceOrderField {
  NUMBER = 'number',
  ISSUE_DATE = 'issueDate',
  DUE_DATE = 'dueDate',
  TOTAL = 'total',
  AMOUNT_DUE = 'amountDue',
  STATUS_CHANGED_AT = 'statusChangedAt',
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
}
registerEnumType(InvoiceOrderField, {
  name: 'InvoiceOrderField',
  description: 'NUMBER sorts the text (zero-padded sequences sort in order); TOTAL and AMOUNT_DUE compare amounts across currencies as numbers.',
});

@InputType()
export class InvoiceOrder {
  @Field(() => InvoiceOrderField)
  field!: InvoiceOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC })
  direction!: OrderDirection;
}

@ArgsType()
export class InvoicesArgs extends ConnectionArgs {
  @Field(() => InvoiceFilter, { nullable: true })
  filter?: InvoiceFilter | null;

  @Field(() => [InvoiceOrder], { nullable: true, description: 'Default: newest first.' })
  orderBy?: InvoiceOrder[] | null;
}

export const InvoiceConnection = ConnectionType(Invoice, 'Invoice');
