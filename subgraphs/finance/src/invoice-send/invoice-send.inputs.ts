import { GraphQLCurrencyCode, GraphQLDecimal, GraphQLLocalDate, IdempotencyKeyField, Money, UserError } from '@cellgraph/kernel';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Invoice, InvoiceStatus } from '../invoice/invoice.entity.js';
import { FileRef } from '../file/file.ref.js';

@InputType({ description: 'Send (or re-send) an invoice by e-mail with its PDF and a link to its public page.' })
export class InvoiceSendInput {
  @Field(() => ID)
  id!: string;

  @Field(() => [String], { nullable: true, description: 'Who receives it (1 to 10 e-mail addresses); default: the contact’s e-mail address.' })
  to?: string[] | null;

  @Field(() => String, { nullable: true, description: 'A message added to the e-mail (up to 5,000 characters).' })
  message?: string | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@ObjectType()
export class InvoiceSendPayload {
  @Field(() => Invoice, { nullable: true, description: 'The invoice, SENT (a re-send keeps its status).' })
  invoice?: Invoice;

  @Field(() => [String], { nullable: true, description: 'Who it was e-mailed to.' })
  recipients?: string[];

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@InputType()
export class InvoicePdfInput {
  @Field(() => ID)
  id!: string;
}

@ObjectType()
export class InvoicePdfPayload {
  @Field(() => FileRef, { nullable: true, description: 'The PDF, stored as a File attached to the invoice (download it with `downloadUrl`).' })
  file?: FileRef;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType({ description: 'A line of an invoice as its customer sees it.' })
export class PublicInvoiceLine {
  @Field()
  description!: string;

  @Field(() => GraphQLDecimal)
  quantity!: string;

  @Field(() => Money)
  unitPrice!: Money;

  @Field(() => GraphQLDecimal, { description: 'Tax rate in percent.' })
  taxRate!: string;

  @Field(() => Money)
  amount!: Money;
}

@ObjectType({ description: 'An invoice as its customer sees it through the link they were e-mailed (no account needed).' })
export class PublicInvoice {
  @Field()
  number!: string;

  @Field(() => InvoiceStatus)
  status!: InvoiceStatus;

  @Field({ description: 'Who issued it.' })
  organizationName!: string;

  @Field({ description: 'Whom it bills.' })
  customerName!: string;

  @Field(() => GraphQLLocalDate)
  issueDate!: string;

  @Field(() => GraphQLLocalDate)
  dueDate!: string;

  @Field(() => GraphQLCurrencyCode)
  currencyCode!: string;

  @Field(() => [PublicInvoiceLine])
  lines!: PublicInvoiceLine[];

  @Field(() => Money)
  subtotal!: Money;

  @Field(() => Money)
  discountTotal!: Money;

  @Field(() => Money)
  taxTotal!: Money;

  @Field(() => Money)
  total!: Money;

  @Field(() => Money)
  amountPaid!: Money;

  @Field(() => Money)
  amountDue!: Money;

  @Field(() => String, { nullable: true })
  memo!: string | null;

  @Field(() => String, { nullable: true })
  terms!: string | null;

  @Field({ description: 'Whether anything is left to pay (an issued invoice, not void, with an amount due).' })
  payable!: boolean;

  @Field({ description: 'Its PDF as it is now, for the holder of the link (no account; the same token).' })
  pdfUrl!: string;
}

@ObjectType({ description: 'A card payment the customer started from the public page: pay it on the provider’s hosted page.' })
export class PublicInvoicePayPayload {
  @Field(() => String, { nullable: true, description: 'The payment intent’s client secret (for the provider’s payment form).' })
  clientSecret?: string;

  @Field(() => String, { nullable: true, description: 'The provider’s hosted payment page; it brings the customer back to the public page.' })
  paymentUrl?: string;

  @Field(() => Money, { nullable: true, description: 'What the customer is about to pay: the amount due.' })
  amount?: Money;

  @Field(() => [UserError])
  userErrors!: UserError[];
}
