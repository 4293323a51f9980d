import {
  AggregateAccess,
  claimOnce,
  currencyExponent,
  filterToSql,
  fitsCurrency,
  globalIdOf,
  idempotent,
  OrderDirection,
  paginate,
  requireOrgId,
  requireUserId,
  sortKeysFor,
  userError,
  uuidv7,
  validateInput,
  type Authorizer,
  type Connection,
  type Database,
  type FilterSpec,
  type Logger,
  type OrderField,
  type RequestContext,
  type WorkScope,
  text as localizedText,
  zodMessage,
} from '@cellgraph/kernel';
import Big from 'big.js';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { OPEN_STATUSES, SETTLEABLE_STATUSES } from '../invoice/invoice-status.js';
import { Invoice } from '../invoice/invoice.entity.js';
import { invoiceNotFound } from '../invoice/invoice.errors.js';
import type { InvoiceService } from '../invoice/invoice.service.js';
import { fromMinorUnits, toMinorUnits } from './payment-fees.js';
import type { PaymentEvent, PaymentProvider } from './payment-provider.js';
import { Payment, PaymentDirection, PaymentMethod, PaymentStatus, PaymentType } from './payment.entity.js';
import {
  PaymentErrorCode,
  paymentExceedsAmountDue,
  paymentInvoiceNotPayable,
  paymentNothingDue,
  paymentNotFound,
  paymentNotRefundable,
  paymentProviderUnavailable,
  paymentRefundExceedsPaid,
} from './payment.errors.js';
import type { CreditNoteIssueInput, PaymentRecordInput, PaymentRefundInput, PaymentsArgs } from './payment.inputs.js';
import { financeErrorTexts } from '../messages.js';

const amount = z.string().regex(/^\d+(\.\d+)?$/, zodMessage(financeErrorTexts.decimalAmount));
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, zodMessage(financeErrorTexts.atMostCharacters, { max: String(max) }))
    .nullish();
const payInput = z.object({ invoiceId: globalIdOf('Invoice') });
const recordInput = z.object({
  invoiceId: globalIdOf('Invoice'),
  amount,
  method: z.enum(PaymentMethod),
  reference: text(200),
  description: text(2000),
  paidAt: z.date().nullish(),
});
const refundInput = z.object({ paymentId: globalIdOf('Payment'), amount: amount.nullish(), reason: text(2000) });
const creditInput = z.object({ invoiceId: globalIdOf('Invoice'), amount, reason: text(2000) });

/** Manual entries (recorded by hand, credit notes) carry this provider. */
export const MANUAL_PROVIDER = 'manual';

const filterSpec: FilterSpec = {
  id: { path: 'payment.id', kind: 'id', idType: 'Payment' },
  invoice: { path: 'payment.invoiceId', kind: 'id', idType: 'Invoice' },
  contact: { path: 'payment.contactId', kind: 'id', idType: 'Contact' },
  type: { path: 'payment.type', kind: 'enum' },
  status: { path: 'payment.status', kind: 'enum' },
  method: { path: 'payment.method', kind: 'enum' },
  amount: { path: 'payment.amountValue', kind: 'decimal' },
  paidAt: { path: 'payment.paidAt', kind: 'datetime' },
  createdAt: { path: 'payment.createdAt', kind: 'datetime' },
};
const orderFields: Record<string, OrderField> = {
  paidAt: { path: 'payment.paidAt', sqlType: 'timestamptz' },
  amount: { path: 'payment.amountValue', sqlType: 'numeric' },
  createdAt: { path: 'payment.createdAt', sqlType: 'timestamptz' },
};
const idOrder: OrderField = { path: 'payment.id', sqlType: 'uuid' };
const newestFirst = [{ field: 'createdAt', direction: OrderDirection.DESC }];

/** A card payment started: its PENDING ledger row and where the customer pays it. */
export interface CardPaymentStarted {
  payment: Payment;
  clientSecret: string;
  paymentUrl: string;
}

/** The invoice if it takes payments now (issued, not settled, something due), else the coded refusal. */
function checkPayable(invoice: Invoice): Invoice {
  if (!OPEN_STATUSES.includes(invoice.status)) throw paymentInvoiceNotPayable(invoice.status);
  if (!new Big(invoice.amountDue.amount).gt(0)) throw paymentNothingDue();
  return invoice;
}

/** What a webhook call came to. */
export type WebhookOutcome = 'handled' | 'replayed' | 'forged';

/** An amount the caller gave, checked against the invoice's currency (> 0, its minor units at most). */
function checkAmount(value: string, currency: string): string {
  if (!new Big(value).gt(0) || !fitsCurrency(value, currency)) {
    throw userError(PaymentErrorCode.InvalidInput, localizedText(financeErrorTexts.paymentAmount, { decimals: currencyExponent(currency), currency }), [
      'input',
      'amount',
    ]);
  }
  return new Big(value).toFixed(currencyExponent(currency));
}

/**
 * The payments ledger: card payments through the provider (`invoicePay`, then its webhooks),
 * payments recorded by hand, refunds (through the provider for card payments) and credit notes.
 * After every change of an invoice's ledger it applies the settlement — amount paid = payments −
 * refunds + credit notes — through the invoices core, in the same transaction. Locks: the invoice
 * row first, then its payments (every path), so concurrent changes of one invoice serialize.
 */
export class PaymentService {
  readonly access: AggregateAccess<Payment>;

  constructor(
    private readonly db: Database,
    authz: Authorizer,
    private readonly invoices: InvoiceService,
    readonly provider: PaymentProvider,
    private readonly logger: Logger,
  ) {
    this.access = new AggregateAccess(db, authz, { type: 'Payment', entity: Payment, table: 'finance.payments', notFound: paymentNotFound });
  }

  /** The ledger (all of it, or one invoice's), with filters and ordering. */
  async list(request: RequestContext, args: PaymentsArgs, invoiceId?: string): Promise<Connection<Payment>> {
    const readable = await this.access.readableIds(request);
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => {
        const query = em.createQueryBuilder(Payment, 'payment');
        const condition = filterToSql(args.filter as Record<string, unknown> | null | undefined, filterSpec);
        if (condition) query.andWhere(condition.sql, condition.params);
        if (invoiceId) query.andWhere('payment.invoiceId = :invoiceId', { invoiceId });
        return this.access.restrictToReadable(query, 'payment', readable);
      },
      sort: sortKeysFor(args.orderBy, orderFields, newestFirst, idOrder),
      args,
    });
  }

  /**
   * A card payment of what is due, started by a user who may write the invoice (`invoicePay`).
   */
  async pay(request: RequestContext, input: { invoiceId: string; idempotencyKey?: string | null }): Promise<CardPaymentStarted> {
    const orgId = requireOrgId(request);
    requireUserId(request);
    const { invoiceId } = validateInput(payInput, input, PaymentErrorCode.InvalidInput);
    return this.startCardPayment({
      scope: request,
      invoice: { orgId, id: invoiceId },
      lockPayable: (em) => this.payableInvoice(em, request, invoiceId),
      operation: 'invoicePay',
      idempotencyKey: input.idempotencyKey,
      providerKeyScope: orgId,
      createdBy: request.principal.kind === 'user' ? request.principal.userId : null,
      deliveryId: null,
    });
  }

  /**
   * A card payment of what is due, started by the invoice's customer from its public page
   * (`publicInvoicePay`): nobody signed in; the delivery whose link they hold is the authority (its
   * organization and invoice) and is recorded on the payment. The hosted page sends them back to
   * `returnUrl`. The caller has checked the link.
   */
  async payAsCustomer(
    delivery: { id: string; orgId: string; invoiceId: string },
    input: { idempotencyKey?: string | null; returnUrl: string },
  ): Promise<CardPaymentStarted> {
    return this.startCardPayment({
      scope: { orgId: delivery.orgId, userId: null },
      invoice: { orgId: delivery.orgId, id: delivery.invoiceId },
      lockPayable: async (em) => {
        const invoice = await em.findOne(Invoice, { where: { id: delivery.invoiceId }, lock: { mode: 'pessimistic_write' } });
        if (!invoice) throw invoiceNotFound();
        return checkPayable(invoice);
      },
      operation: 'publicInvoicePay',
      // The customer chooses their keys: kept apart from the organization's keys and other links'.
      idempotencyKey: input.idempotencyKey ? `customer:${delivery.id}:${input.idempotencyKey}` : null,
      providerKeyScope: delivery.orgId,
      createdBy: null,
      deliveryId: delivery.id,
      returnUrl: input.returnUrl,
    });
  }

  /**
   * What both ways of paying by card share: a payment intent at the provider for the amount due
   * (its idempotency key derived from the caller's), and a PENDING ledger row for it in the same
   * idempotent unit (the same key answers the same payment and intent); the provider's webhook
   * completes it. An intent whose row could not be written is cancelled.
   */
  private async startCardPayment(start: {
    scope: WorkScope;
    invoice: { orgId: string; id: string };
    /** Loads the invoice under its row lock, refusing one that takes no payment now. */
    lockPayable: (em: EntityManager) => Promise<Invoice>;
    operation: string;
    idempotencyKey?: string | null;
    providerKeyScope: string;
    createdBy: string | null;
    deliveryId: string | null;
    returnUrl?: string;
  }): Promise<CardPaymentStarted> {
    const { orgId, id: invoiceId } = start.invoice;
    const invoice = await this.db.transaction(start.scope, (em) => start.lockPayable(em));
    const due = invoice.amountDue.amount;
    const providerKey = `${start.providerKeyScope}:${start.idempotencyKey ? `key:${start.idempotencyKey}` : uuidv7()}`;
    const intent = await this.provider
      .createPaymentIntent({
        amount: toMinorUnits(due, currencyExponent(invoice.currency)),
        currency: invoice.currency,
        metadata: { orgId, invoiceId },
        idempotencyKey: providerKey,
        returnUrl: start.returnUrl ?? null,
      })
      .catch((error: unknown) => {
        this.logger.warn({ err: error, invoice: invoiceId }, 'payment intent not created');
        throw paymentProviderUnavailable();
      });
    try {
      const payment = await this.db.transaction(start.scope, (em) =>
        idempotent(em, this.db.schema, {
          key: start.idempotencyKey,
          operation: start.operation,
          input: { invoiceId },
          create: async () => {
            const locked = await start.lockPayable(em);
            if (new Big(due).gt(locked.amountDue.amount)) throw paymentExceedsAmountDue(locked.amountDue.amount, locked.currency);
            return em.save(
              this.newEntry(locked, {
                type: PaymentType.PAYMENT,
                method: PaymentMethod.CARD,
                status: PaymentStatus.PENDING,
                amount: due,
                provider: this.provider.name,
                providerPaymentId: intent.id,
                createdBy: start.createdBy,
                deliveryId: start.deliveryId,
              }),
            );
          },
          load: (id) => em.findOneBy(Payment, { id }),
        }),
      );
      return { payment, clientSecret: intent.clientSecret, paymentUrl: intent.paymentUrl };
    } catch (error) {
      // Nothing recorded: the customer must not pay this intent.
      await this.provider.cancelPaymentIntent(intent.id).catch(() => undefined);
      throw error;
    }
  }

  /** A payment received outside the provider; at most the amount due (no overpayment). */
  async record(request: RequestContext, input: PaymentRecordInput): Promise<{ payment: Payment; invoice: Invoice }> {
    const actorId = requireUserId(request);
    const valid = validateInput(recordInput, input, PaymentErrorCode.InvalidInput);
    if (valid.paidAt && valid.paidAt.getTime() > Date.now() + 60_000) {
      throw userError(PaymentErrorCode.InvalidInput, financeErrorTexts.receivedInFuture, ['input', 'paidAt']);
    }
    return this.db.transaction(request, (em) =>
      idempotent(em, this.db.schema, {
        key: input.idempotencyKey,
        operation: 'paymentRecord',
        input: valid,
        create: async () => {
          const invoice = await this.payableInvoice(em, request, valid.invoiceId);
          const value = checkAmount(valid.amount, invoice.currency);
          if (new Big(value).gt(invoice.amountDue.amount)) throw paymentExceedsAmountDue(invoice.amountDue.amount, invoice.currency);
          const payment = await em.save(
            this.newEntry(invoice, {
              type: PaymentType.PAYMENT,
              method: valid.method,
              status: PaymentStatus.COMPLETED,
              amount: value,
              provider: MANUAL_PROVIDER,
              reference: valid.reference ?? null,
              description: valid.description ?? null,
              paidAt: valid.paidAt ?? new Date(),
              createdBy: actorId,
            }),
          );
          const settled = await this.settle(em, invoice);
          await this.emitReceived(em, payment, settled);
          return { payment, invoice: settled };
        },
        idOf: (result) => result.payment.id,
        load: (id) => this.withInvoice(em, id),
      }),
    );
  }

  /** A credit against an invoice (no money moves): lowers what is due; at most the amount due. */
  async issueCreditNote(request: RequestContext, input: CreditNoteIssueInput): Promise<{ creditNote: Payment; invoice: Invoice }> {
    const actorId = requireUserId(request);
    const valid = validateInput(creditInput, input, PaymentErrorCode.InvalidInput);
    return this.db.transaction(request, (em) =>
      idempotent(em, this.db.schema, {
        key: input.idempotencyKey,
        operation: 'creditNoteIssue',
        input: valid,
        create: async () => {
          const invoice = await this.payableInvoice(em, request, valid.invoiceId);
          const value = checkAmount(valid.amount, invoice.currency);
          if (new Big(value).gt(invoice.amountDue.amount)) throw paymentExceedsAmountDue(invoice.amountDue.amount, invoice.currency);
          const creditNote = await em.save(
            this.newEntry(invoice, {
              type: PaymentType.CREDIT_NOTE,
              method: null,
              status: PaymentStatus.COMPLETED,
              amount: value,
              provider: MANUAL_PROVIDER,
              description: valid.reason ?? null,
              paidAt: new Date(),
              createdBy: actorId,
            }),
          );
          const settled = await this.settle(em, invoice);
          await this.emit(em, creditNote, 'credit_note.issued', {
            ...this.about(settled),
            amount: creditNote.amount.amount,
            reason: creditNote.description,
          });
          return { creditNote, invoice: settled };
        },
        idOf: (result) => result.creditNote.id,
        load: async (id) => {
          const found = await this.withInvoice(em, id);
          return found && { creditNote: found.payment, invoice: found.invoice };
        },
      }),
    );
  }

  /**
   * Refunds part or all of a completed payment — never more than it paid minus what is refunded or
   * being refunded. A card payment is refunded through the provider (the refund is PENDING until
   * its webhook confirms it); a manual one is recorded as COMPLETED at once.
   */
  async refund(request: RequestContext, input: PaymentRefundInput): Promise<{ refund: Payment; payment: Payment; invoice: Invoice }> {
    const actorId = requireUserId(request);
    const valid = validateInput(refundInput, input, PaymentErrorCode.InvalidInput);
    await this.access.requireExisting(request, 'write', valid.paymentId, ['input', 'paymentId']);
    return this.db.transaction(request, (em) =>
      idempotent(em, this.db.schema, {
        key: input.idempotencyKey,
        operation: 'paymentRefund',
        input: valid,
        create: async () => {
          const found = await em.findOneByOrFail(Payment, { id: valid.paymentId });
          const invoice = await em.findOne(Invoice, { where: { id: found.invoiceId }, lock: { mode: 'pessimistic_write' }, withDeleted: true });
          const payment = await em.findOneOrFail(Payment, { where: { id: found.id }, lock: { mode: 'pessimistic_write' } });
          if (!invoice) throw paymentNotFound();
          if (payment.type !== PaymentType.PAYMENT) throw paymentNotRefundable(financeErrorTexts.refundOnlyPayments);
          if (payment.status !== PaymentStatus.COMPLETED)
            throw paymentNotRefundable(localizedText(financeErrorTexts.refundNotCompleted, { status: payment.status.toUpperCase() }));
          const refundable = new Big(payment.amountValue).minus(await this.refundedOf(em, payment.id, [PaymentStatus.PENDING, PaymentStatus.COMPLETED]));
          const value = valid.amount ? checkAmount(valid.amount, payment.currency) : refundable.toFixed(currencyExponent(payment.currency));
          if (new Big(value).gt(refundable) || !new Big(value).gt(0))
            throw paymentRefundExceedsPaid(refundable.toFixed(currencyExponent(payment.currency)), payment.currency);
          const id = uuidv7();
          const byProvider = payment.provider !== MANUAL_PROVIDER;
          const providerRefundId = byProvider
            ? await this.provider
                .refund({ paymentIntentId: payment.providerPaymentId!, amount: toMinorUnits(value, currencyExponent(payment.currency)), idempotencyKey: id })
                .catch((error: unknown) => {
                  this.logger.warn({ err: error, payment: payment.id }, 'refund not created at the provider');
                  throw paymentProviderUnavailable();
                })
            : null;
          const refund = await em.save(
            this.newEntry(invoice, {
              id,
              type: PaymentType.REFUND,
              method: payment.method,
              status: byProvider ? PaymentStatus.PENDING : PaymentStatus.COMPLETED,
              amount: value,
              provider: payment.provider,
              providerPaymentId: payment.providerPaymentId,
              providerRefundId,
              refundOf: payment.id,
              description: valid.reason ?? null,
              paidAt: byProvider ? null : new Date(),
              createdBy: actorId,
            }),
          );
          if (byProvider) return { refund, payment, invoice };
          await this.markRefunded(em, payment);
          const settled = await this.settle(em, invoice);
          await this.emitRefunded(em, refund, payment, settled);
          return { refund, payment, invoice: settled };
        },
        idOf: (result) => result.refund.id,
        load: async (id) => {
          const refund = await em.findOneBy(Payment, { id });
          const payment = refund?.refundOf ? await em.findOneBy(Payment, { id: refund.refundOf }) : null;
          const invoice = refund ? await em.findOne(Invoice, { where: { id: refund.invoiceId }, withDeleted: true }) : null;
          return refund && payment && invoice ? { refund, payment, invoice } : null;
        },
      }),
    );
  }

  /**
   * A provider's webhook call: forged ones refused, replays (same event id) ignored, the rest applied
   * once. Out-of-order safe: each event carries the intent as the provider knows it, and the ledger
   * only moves forward from it — a succeeded intent completes the payment (also when its
   * `charge.refunded` arrives first), a failure never undoes a completed payment, and each refund
   * the intent lists is recorded once.
   */
  async receiveWebhook(rawBody: Buffer, headers: Record<string, string | undefined>): Promise<WebhookOutcome> {
    let event: PaymentEvent | null;
    try {
      event = this.provider.parseWebhook(rawBody, headers);
    } catch (error) {
      this.logger.warn({ err: error }, 'malformed payment webhook');
      return 'forged';
    }
    if (!event) return 'forged';
    const { orgId, invoiceId } = event.intent.metadata;
    const verified = event;
    return this.db.transaction({ orgId, userId: null }, async (em) => {
      const claimed = await claimOnce(em, 'finance.payment_webhook_events', {
        org_id: orgId,
        provider: this.provider.name,
        event_id: verified.id,
        type: verified.type,
      });
      if (!claimed) return 'replayed';
      const invoice = await em.findOne(Invoice, { where: { id: invoiceId }, lock: { mode: 'pessimistic_write' }, withDeleted: true });
      if (!invoice) {
        this.logger.warn({ intent: verified.intent.id, invoice: invoiceId }, 'payment webhook for an unknown invoice');
        return 'handled';
      }
      await this.applyEvent(em, invoice, verified);
      return 'handled';
    });
  }

  private async applyEvent(em: EntityManager, invoice: Invoice, event: PaymentEvent): Promise<void> {
    const { intent } = event;
    const exponent = currencyExponent(invoice.currency);
    let payment = await em.findOne(Payment, {
      where: { provider: this.provider.name, providerPaymentId: intent.id, type: PaymentType.PAYMENT },
      lock: { mode: 'pessimistic_write' },
    });
    if (!payment) {
      if (intent.status !== 'succeeded') return void this.logger.warn({ intent: intent.id }, 'payment webhook for an unknown intent');
      // Money that moved is recorded, even when invoicePay's row was not (it failed after the intent).
      payment = await em.save(
        this.newEntry(invoice, {
          type: PaymentType.PAYMENT,
          method: PaymentMethod.CARD,
          status: PaymentStatus.PENDING,
          amount: fromMinorUnits(intent.amount, exponent),
          provider: this.provider.name,
          providerPaymentId: intent.id,
          createdBy: null,
        }),
      );
    }
    const open = [PaymentStatus.PENDING, PaymentStatus.PROCESSING, PaymentStatus.FAILED, PaymentStatus.CANCELLED].includes(payment.status);
    let ledgerChanged = false;
    let received: Payment | null = null;
    if (intent.status === 'succeeded' && open) {
      Object.assign(payment, {
        status: PaymentStatus.COMPLETED,
        amountValue: fromMinorUnits(intent.amount, exponent),
        feeValue: fromMinorUnits(intent.fee, exponent),
        paidAt: new Date(),
        failureMessage: null,
      });
      payment = await em.save(payment);
      ledgerChanged = true;
      received = payment;
    } else if (event.type === 'payment_intent.payment_failed' && intent.status === 'requires_payment_method' && open) {
      Object.assign(payment, { status: PaymentStatus.FAILED, failedAt: new Date(), failureMessage: intent.lastPaymentError });
      payment = await em.save(payment);
      await this.emit(em, payment, 'payment.failed', { ...this.about(invoice), amount: payment.amount.amount, reason: payment.failureMessage });
    } else if (intent.status === 'canceled' && open) {
      payment.status = PaymentStatus.CANCELLED;
      payment = await em.save(payment);
    }
    if (payment.status === PaymentStatus.COMPLETED || payment.status === PaymentStatus.REFUNDED) {
      for (const reported of intent.refunds) {
        let refund = await em.findOne(Payment, { where: { provider: this.provider.name, providerRefundId: reported.id }, lock: { mode: 'pessimistic_write' } });
        if (reported.status === 'succeeded' && refund?.status !== PaymentStatus.COMPLETED) {
          refund ??= this.newEntry(invoice, {
            type: PaymentType.REFUND,
            method: PaymentMethod.CARD,
            status: PaymentStatus.PENDING,
            amount: fromMinorUnits(reported.amount, exponent),
            provider: this.provider.name,
            providerPaymentId: intent.id,
            providerRefundId: reported.id,
            refundOf: payment.id,
            createdBy: null,
          });
          refund.status = PaymentStatus.COMPLETED;
          refund.paidAt = new Date();
          refund = await em.save(refund);
          ledgerChanged = true;
          await this.markRefunded(em, payment);
          await this.emitRefunded(em, refund, payment, invoice);
        } else if (reported.status === 'failed' && refund?.status === PaymentStatus.PENDING) {
          await em.update(Payment, { id: refund.id }, { status: PaymentStatus.FAILED, failedAt: new Date() });
        }
      }
    }
    if (!ledgerChanged) return;
    const settled = await this.settle(em, invoice);
    if (received) await this.emitReceived(em, received, settled);
  }

  /** Payments by id (the ledger rows and their invoices) for a replay. */
  private async withInvoice(em: EntityManager, id: string): Promise<{ payment: Payment; invoice: Invoice } | null> {
    const payment = await em.findOneBy(Payment, { id });
    const invoice = payment ? await em.findOne(Invoice, { where: { id: payment.invoiceId }, withDeleted: true }) : null;
    return payment && invoice ? { payment, invoice } : null;
  }

  /** The invoice, locked, that the caller may write and that takes payments now (issued, unpaid part > 0). */
  private async payableInvoice(em: EntityManager, request: RequestContext, invoiceId: string): Promise<Invoice> {
    return checkPayable(await this.invoices.access.loadForUpdate(em, request, 'write', invoiceId, ['input', 'invoiceId']));
  }

  /** Σ refunds of a payment in `statuses`. */
  private async refundedOf(em: EntityManager, paymentId: string, statuses: PaymentStatus[]): Promise<Big> {
    const [row] = (await em.query(`SELECT coalesce(sum(amount), 0)::text AS sum FROM finance.payments WHERE refund_of = $1 AND status = ANY($2::text[])`, [
      paymentId,
      statuses,
    ])) as { sum: string }[];
    return new Big(row!.sum);
  }

  /** A payment whose completed refunds reached its amount is REFUNDED. */
  private async markRefunded(em: EntityManager, payment: Payment): Promise<void> {
    const refunded = await this.refundedOf(em, payment.id, [PaymentStatus.COMPLETED]);
    const status = refunded.gte(payment.amountValue) ? PaymentStatus.REFUNDED : payment.status;
    Object.assign(payment, { status, refundedAt: new Date() });
    await em.update(Payment, { id: payment.id }, { status, refundedAt: payment.refundedAt });
  }

  /**
   * The invoice's settlement from its ledger — paid = completed payments − completed refunds +
   * credit notes — applied by the invoices core (amounts, status, its events). An invoice that no
   * longer settles (VOID, REFUNDED, in the trash) keeps its status: the money is in the ledger.
   */
  private async settle(em: EntityManager, invoice: Invoice): Promise<Invoice> {
    const [sums] = (await em.query(
      `SELECT coalesce(sum(amount) FILTER (WHERE type = 'payment' AND status IN ('completed', 'refunded')), 0)::text AS received,
              coalesce(sum(amount) FILTER (WHERE type = 'refund' AND status = 'completed'), 0)::text AS refunded,
              coalesce(sum(amount) FILTER (WHERE type = 'credit_note' AND status = 'completed'), 0)::text AS credited
       FROM finance.payments WHERE invoice_id = $1`,
      [invoice.id],
    )) as { received: string; refunded: string; credited: string }[];
    if (!SETTLEABLE_STATUSES.includes(invoice.status) || invoice.deletedAt) {
      this.logger.warn({ invoice: invoice.id, status: invoice.status }, 'ledger changed on an invoice that does not settle');
      return invoice;
    }
    const paid = new Big(sums!.received).minus(sums!.refunded).plus(sums!.credited);
    return this.invoices.applySettlement(em, invoice.orgId, invoice.id, { amountPaid: paid.toFixed(), amountRefunded: sums!.refunded });
  }

  private newEntry(
    invoice: Invoice,
    fields: {
      id?: string;
      type: PaymentType;
      method: PaymentMethod | null;
      status: PaymentStatus;
      amount: string;
      provider: string;
      providerPaymentId?: string | null;
      providerRefundId?: string | null;
      refundOf?: string | null;
      reference?: string | null;
      description?: string | null;
      paidAt?: Date | null;
      createdBy: string | null;
      deliveryId?: string | null;
    },
  ): Payment {
    return Object.assign(new Payment(), {
      id: fields.id ?? uuidv7(),
      orgId: invoice.orgId,
      invoiceId: invoice.id,
      contactId: invoice.contactId,
      type: fields.type,
      direction: fields.type === PaymentType.PAYMENT ? PaymentDirection.INBOUND : PaymentDirection.OUTBOUND,
      method: fields.method,
      status: fields.status,
      amountValue: fields.amount,
      currency: invoice.currency,
      feeValue: '0',
      provider: fields.provider,
      providerPaymentId: fields.providerPaymentId ?? null,
      providerRefundId: fields.providerRefundId ?? null,
      refundOf: fields.refundOf ?? null,
      reference: fields.reference ?? null,
      description: fields.description ?? null,
      failureMessage: null,
      paidAt: fields.paidAt ?? null,
      failedAt: null,
      refundedAt: null,
      createdBy: fields.createdBy,
      deliveryId: fields.deliveryId ?? null,
    });
  }

  /** What every payment event says of its invoice (who to tell: its creator, the finance team). */
  private about(invoice: Invoice) {
    return { invoiceId: invoice.id, invoiceNumber: invoice.number, contactId: invoice.contactId, createdBy: invoice.createdBy, currencyCode: invoice.currency };
  }

  private emitReceived(em: EntityManager, payment: Payment, invoice: Invoice): Promise<void> {
    return this.emit(em, payment, 'payment.received', {
      ...this.about(invoice),
      amount: payment.amount.amount,
      fee: payment.fee.amount,
      method: payment.method ?? PaymentMethod.OTHER,
      provider: payment.provider,
      amountDue: invoice.amountDue.amount,
    });
  }

  private emitRefunded(em: EntityManager, refund: Payment, payment: Payment, invoice: Invoice): Promise<void> {
    return this.emit(em, refund, 'payment.refunded', {
      ...this.about(invoice),
      paymentId: payment.id,
      amount: refund.amount.amount,
      reason: refund.description,
    });
  }

  private emit(em: EntityManager, payment: Payment, type: string, data: Record<string, unknown>): Promise<void> {
    return this.db.emit(em, { type, orgId: payment.orgId, subject: { type: 'Payment', id: payment.id }, data });
  }
}
