import { fromGlobalId, mutationPayload, requireOrgId, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ContactRef } from '../crm/contact.ref.js';
import { Invoice } from '../invoice/invoice.entity.js';
import { loadInvoice } from '../invoice/invoice.loaders.js';
import type { FinanceServices } from '../services.js';
import { UserRef } from '../user/user.ref.js';
import { Payment } from './payment.entity.js';
import {
  CreditNoteIssueInput,
  CreditNoteIssuePayload,
  InvoicePayInput,
  InvoicePayPayload,
  PaymentConnection,
  PaymentPayload,
  PaymentRecordInput,
  PaymentRefundInput,
  PaymentRefundPayload,
  PaymentsArgs,
} from './payment.inputs.js';
import { loadPayment } from './payment.loaders.js';

type Context = SubgraphContext<FinanceServices>;

@Resolver(() => Payment)
export class PaymentResolver {
  constructor(private readonly services: FinanceServices) {}

  @Query(() => Payment, { nullable: true, description: 'An entry of your organization’s payments ledger, or null.' })
  payment(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<Payment | null> {
    requireOrgId(context.request);
    return loadPayment(context, fromGlobalId('Payment', id));
  }

  @Query(() => PaymentConnection, { nullable: true, description: 'Your organization’s payments ledger: payments, refunds and credit notes.' })
  payments(@Args(() => PaymentsArgs) args: PaymentsArgs, @Ctx() context: Context): Promise<Connection<Payment>> {
    return this.services.payments.list(context.request, args);
  }

  @Mutation(() => InvoicePayPayload, {
    nullable: true,
    description:
      'Start a card payment of what is due: a payment intent at the provider (its client secret and hosted page); its webhook completes the payment.',
  })
  invoicePay(@Arg('input', () => InvoicePayInput) input: InvoicePayInput, @Ctx() context: Context): Promise<InvoicePayPayload> {
    return mutationPayload(() => this.services.payments.pay(context.request, input));
  }

  @Mutation(() => PaymentPayload, { nullable: true, description: 'Record a payment received by check, transfer, cash, … (at most the amount due).' })
  paymentRecord(@Arg('input', () => PaymentRecordInput) input: PaymentRecordInput, @Ctx() context: Context): Promise<PaymentPayload> {
    return mutationPayload(() => this.services.payments.record(context.request, input));
  }

  @Mutation(() => PaymentRefundPayload, {
    nullable: true,
    description: 'Refund part or all of a completed payment (card payments through the provider), never more than paid and not yet refunded.',
  })
  paymentRefund(@Arg('input', () => PaymentRefundInput) input: PaymentRefundInput, @Ctx() context: Context): Promise<PaymentRefundPayload> {
    return mutationPayload(() => this.services.payments.refund(context.request, input));
  }

  @Mutation(() => CreditNoteIssuePayload, { nullable: true, description: 'Credit an invoice’s customer part or all of what is due (no money moves).' })
  creditNoteIssue(@Arg('input', () => CreditNoteIssueInput) input: CreditNoteIssueInput, @Ctx() context: Context): Promise<CreditNoteIssuePayload> {
    return mutationPayload(() => this.services.payments.issueCreditNote(context.request, input));
  }

  @FieldResolver(() => Invoice, { nullable: true, description: 'The invoice it is for.' })
  invoice(@Root() payment: Payment, @Ctx() context: Context): Promise<Invoice | null> {
    return loadInvoice(context, payment.invoiceId);
  }

  @FieldResolver(() => ContactRef, { description: 'The invoice’s customer (a CRM contact).' })
  contact(@Root() payment: Payment): ContactRef {
    return ContactRef.of(payment.contactId);
  }

  @FieldResolver(() => Payment, { nullable: true, description: 'The payment a refund returns (null for other entries).' })
  refundOf(@Root() payment: Payment, @Ctx() context: Context): Promise<Payment | null> | null {
    return payment.refundOf ? loadPayment(context, payment.refundOf) : null;
  }

  @FieldResolver(() => UserRef, { nullable: true, description: 'Who recorded it (null: the payment provider).' })
  createdBy(@Root() payment: Payment): UserRef | null {
    return payment.createdBy ? UserRef.of(payment.createdBy) : null;
  }
}

/** `Invoice.payments`: its ledger entries. */
@Resolver(() => Invoice)
export class InvoicePaymentsResolver {
  constructor(private readonly services: FinanceServices) {}

  @FieldResolver(() => PaymentConnection, { description: 'Its payments, refunds and credit notes (newest first by default).' })
  payments(@Root() invoice: Invoice, @Args(() => PaymentsArgs) args: PaymentsArgs, @Ctx() context: Context): Promise<Connection<Payment>> {
    return this.services.payments.list(context.request, args, invoice.id);
  }
}
