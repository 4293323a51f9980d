import {
  ConnectionArgs,
  ConnectionType,
  DateTimeComparator,
  DecimalComparator,
  EnumComparator,
  GraphQLDateTimeISO,
  GraphQLDecimal,
  IdempotencyKeyField,
  IDComparator,
  OrderDirection,
  UserError,
} from '@cellgraph/kernel';
import { ArgsType, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { Invoice } from '../invoice/invoice.entity.js';
import { Payment, PaymentMethod, PaymentStatus, PaymentType } from './payment.entity.js';

@InputType()
export class InvoicePayInput {
  @Field(() => ID, { description: 'A SENT, VIEWED, PARTIALLY_PAID or OVERDUE invoice with something due.' })
  invoiceId!: string;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@ObjectType()
export class InvoicePayPayload {
  @Field(() => Payment, { nullable: true, description: 'The PENDING card payment (completed by the provider’s webhook once the customer paid).' })
  payment?: Payment;

  @Field(() => String, { nullable: true, description: 'The payment intent’s client secret (for the provider’s payment form).' })
  clientSecret?: string;

  @Field(() => String, { nullable: true, description: 'The provider’s hosted payment page for this invoice.' })
  paymentUrl?: string;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@InputType({ description: 'A payment received outside the provider (check, transfer, cash, …).' })
export class PaymentRecordInput {
  @Field(() => ID)
  invoiceId!: string;

  @Field(() => GraphQLDecimal, { description: 'More than 0, at most the amount due, in the invoice’s currency (its minor units at most).' })
  amount!: string;

  @Field(() => PaymentMethod)
  method!: PaymentMethod;

  @Field(() => String, { nullable: true, description: 'A check number, a wire reference, … (up to 200 characters).' })
  reference?: string | null;

  @Field(() => String, { nullable: true, description: 'Up to 2,000 characters.' })
  description?: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When the money arrived; default now (not in the future).' })
  paidAt?: Date | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@ObjectType()
export class PaymentPayload {
  @Field(() => Payment, { nullable: true })
  payment?: Payment;

  @Field(() => Invoice, { nullable: true, description: 'The invoice with its new amounts and status.' })
  invoice?: Invoice;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@InputType({ description: 'Return part or all of a completed payment.' })
export class PaymentRefundInput {
  @Field(() => ID, { description: 'A COMPLETED payment (type PAYMENT).' })
  paymentId!: string;

  @Field(() => GraphQLDecimal, { nullable: true, description: 'Default: everything paid and not yet refunded.' })
  amount?: string | null;

  @Field(() => String, { nullable: true, description: 'Why (up to 2,000 characters).' })
  reason?: string | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@ObjectType()
export class PaymentRefundPayload {
  @Field(() => Payment, { nullable: true, description: 'The refund: COMPLETED for manual payments, PENDING for card payments until the provider confirms it.' })
  refund?: Payment;

  @Field(() => Payment, { nullable: true, description: 'The refunded payment.' })
  payment?: Payment;

  @Field(() => Invoice, { nullable: true })
  invoice?: Invoice;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@InputType({ description: 'A credit against an invoice: it lowers what the customer owes, no money moves.' })
export class CreditNoteIssueInput {
  @Field(() => ID)
  invoiceId!: string;

  @Field(() => GraphQLDecimal, { description: 'More than 0, at most the amount due.' })
  amount!: string;

  @Field(() => String, { nullable: true, description: 'Why (up to 2,000 characters).' })
  reason?: string | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@ObjectType()
export class CreditNoteIssuePayload {
  @Field(() => Payment, { nullable: true, description: 'The credit note (a ledger entry of type CREDIT_NOTE).' })
  creditNote?: Payment;

  @Field(() => Invoice, { nullable: true })
  invoice?: Invoice;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

export const PaymentTypeComparator = EnumComparator(PaymentType, 'PaymentType');
export const PaymentStatusComparator = EnumComparator(PaymentStatus, 'PaymentStatus');
export const PaymentMethodComparator = EnumComparator(PaymentMethod, 'PaymentMethod');

@InputType({ description: 'Conditions on ledger entries; fields combine with AND.' })
export class PaymentFilter {
  @Field(() => IDComparator, { nullable: true }) id?: IDComparator | null;
  @Field(() => IDComparator, { nullable: true, description: 'The invoice (Invoice ids).' }) invoice?: IDComparator | null;
  @Field(() => IDComparator, { nullable: true, description: 'The invoice’s customer (Contact ids).' }) contact?: IDComparator | null;
  @Field(() => PaymentTypeComparator, { nullable: true }) type?: InstanceType<typeof PaymentTypeComparator> | null;
  @Field(() => PaymentStatusComparator, { nullable: true }) status?: InstanceType<typeof PaymentStatusComparator> | null;
  @Field(() => PaymentMethodComparator, { nullable: true }) method?: InstanceType<typeof PaymentMethodComparator> | null;
  @Field(() => DecimalComparator, { nullable: true }) amount?: DecimalComparator | null;
  @Field(() => DateTimeComparator, { nullable: true, description: 'When it completed.' }) paidAt?: DateTimeComparator | null;
  @Field(() => DateTimeComparator, { nullable: true }) createdAt?: DateTimeComparator | null;
  @Field(() => [PaymentFilter], { nullable: true }) and?: PaymentFilter[] | null;
  @Field(() => [PaymentFilter], { nullable: true }) or?: PaymentFilter[] | null;
  @Field(() => PaymentFilter, { nullable: true }) not?: PaymentFilter | null;
}

export enum PaymentOrderField {
  PAID_AT = 'paidAt',
  AMOUNT = 'amount',
  CREATED_AT = 'createdAt',
}
registerEnumType(PaymentOrderField, { name: 'PaymentOrderField', description: 'PAID_AT puts entries not completed last (ascending) or first (descending).' });

@InputType()
export class PaymentOrder {
  @Field(() => PaymentOrderField)
  field!: PaymentOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC })
  direction!: OrderDirection;
}

@ArgsType()
export class PaymentsArgs extends ConnectionArgs {
  @Field(() => PaymentFilter, { nullable: true })
  filter?: PaymentFilter | null;

  @Field(() => [PaymentOrder], { nullable: true, description: 'Default: newest first.' })
  orderBy?: PaymentOrder[] | null;
}

export const PaymentConnection = ConnectionType(Payment, 'Payment');
