import { newSecretToken, uuidv7, type Database, type EmailMessage, type Logger, type Mailer, type TransactionHooks } from '@cellgraph/kernel';
import Big from 'big.js';
import type { EntityManager } from 'typeorm';
import { InvoiceLine } from '../invoice/invoice-line.entity.js';
import { InvoiceStatus } from '../invoice/invoice-status.js';
import type { Invoice } from '../invoice/invoice.entity.js';
import type { InvoiceService } from '../invoice/invoice.service.js';
import { InvoiceDelivery } from './invoice-delivery.entity.js';
import type { CustomerLanguage } from './customer-language.js';
import { invoiceEmail } from './invoice-email.js';
import type { InvoiceSendConfig } from './invoice-send.config.js';
import { invoiceNoLines, invoiceNotSendable, invoiceZeroTotal } from './invoice-send.errors.js';

/** Prefix of public invoice tokens (`cgi_…`), so a leaked one is recognisable. */
export const INVOICE_TOKEN_PREFIX = 'cgi';
const DAY_MS = 24 * 60 * 60 * 1000;

/** Sending from a draft issues it; an issued, unsettled invoice may be sent again (a reminder; its status stays, as Stripe and QuickBooks do). */
const SENDABLE: readonly InvoiceStatus[] = [InvoiceStatus.DRAFT, InvoiceStatus.SENT, InvoiceStatus.VIEWED, InvoiceStatus.PARTIALLY_PAID, InvoiceStatus.OVERDUE];

/** What one sending records: to whom, from and to whom by name, the PDF (a File; none when the job sent it: no caller to store it as), by whom. */
export interface DeliveryFacts {
  recipients: string[];
  message: string | null;
  organizationName: string;
  customerName: string;
  pdfFileId: string | null;
  sentBy: string;
}

export interface InvoiceDeliveriesOptions {
  db: Database;
  invoices: InvoiceService;
  mailer: Pick<Mailer, 'send'>;
  logger: Logger;
  config: Pick<InvoiceSendConfig, 'APP_URL' | 'INVOICE_LINK_DAYS'>;
  /** The language the customer reads the e-mail in. */
  customerLanguage: CustomerLanguage;
}

/** An invoice's lines, in order, each knowing the invoice's currency. */
export async function invoiceLinesOf(em: EntityManager, invoice: Invoice): Promise<InvoiceLine[]> {
  const lines = await em.find(InvoiceLine, { where: { invoiceId: invoice.id }, order: { position: 'ASC' } });
  return lines.map((line) => Object.assign(line, { currency: invoice.currency }));
}

/**
 * The one way an invoice goes out, for invoiceSend (as its caller) and for the recurring-invoice
 * job (as the rule's creator): the checks, the delivery row with a new public token, the move to
 * SENT (or `invoice.sent` with `resent`) and the e-mails, queued after the commit with keys derived
 * from the delivery (the mailer sends once per key).
 */
export class InvoiceDeliveries {
  constructor(private readonly options: InvoiceDeliveriesOptions) {}

  /** The lines of an invoice (locked by the caller) that may be sent now; INVOICE_NOT_SENDABLE, INVOICE_NO_LINES or INVOICE_ZERO_TOTAL otherwise. */
  async sendableLines(em: EntityManager, invoice: Invoice): Promise<InvoiceLine[]> {
    if (!SENDABLE.includes(invoice.status)) throw invoiceNotSendable(invoice.status);
    const lines = await invoiceLinesOf(em, invoice);
    if (!lines.length) throw invoiceNoLines();
    if (new Big(invoice.totalAmount).lte(0)) throw invoiceZeroTotal();
    return lines;
  }

  /** Records a sending of `invoice` (locked, checked by `sendableLines`) in `em`'s transaction and queues its e-mails after the commit. */
  async deliver(em: EntityManager, hooks: TransactionHooks, invoice: Invoice, facts: DeliveryFacts): Promise<{ invoice: Invoice; delivery: InvoiceDelivery }> {
    const token = newSecretToken(INVOICE_TOKEN_PREFIX);
    const now = new Date();
    const delivery = em.create(InvoiceDelivery, {
      id: uuidv7(),
      orgId: invoice.orgId,
      invoiceId: invoice.id,
      ...facts,
      tokenHash: token.hash,
      sentAt: now,
      expiresAt: new Date(now.getTime() + this.options.config.INVOICE_LINK_DAYS * DAY_MS),
    });
    await em.insert(InvoiceDelivery, delivery);
    const extra = { deliveryId: delivery.id, recipients: facts.recipients };
    const sent =
      invoice.status === InvoiceStatus.DRAFT
        ? await this.options.invoices.transition(em, invoice, InvoiceStatus.SENT, 'send', extra)
        : await this.resent(em, invoice, extra);
    const link = `${this.options.config.APP_URL}/invoice?token=${encodeURIComponent(token.token)}`;
    const about = { number: sent.number, total: sent.totalAmount, currency: sent.currency, dueDate: sent.dueDate };
    const reader = await this.options.customerLanguage.of(invoice.orgId);
    facts.recipients.forEach((to, index) =>
      this.mailAfterCommit(
        hooks,
        invoiceEmail(to, about, { organizationName: facts.organizationName, message: facts.message }, link, reader),
        `invoice-send-${delivery.id}-${index}`,
      ),
    );
    return { invoice: sent, delivery };
  }

  /** Re-sending an issued invoice: its status stays; `invoice.sent` tells it went out again. */
  private async resent(em: EntityManager, invoice: Invoice, extra: Record<string, unknown>): Promise<Invoice> {
    await this.options.db.emit(em, {
      type: 'invoice.sent',
      orgId: invoice.orgId,
      subject: { type: 'Invoice', id: invoice.id },
      data: {
        from: invoice.status,
        number: invoice.number,
        contactId: invoice.contactId,
        createdBy: invoice.createdBy,
        currencyCode: invoice.currency,
        total: invoice.total.amount,
        amountDue: invoice.amountDue.amount,
        dueDate: invoice.dueDate,
        resent: true,
        ...extra,
      },
    });
    return invoice;
  }

  private mailAfterCommit(hooks: TransactionHooks, message: EmailMessage, deliveryKey: string): void {
    // Handed to the queue without holding the answer; a failure to enqueue is logged.
    hooks.afterCommit(() => {
      this.options.mailer
        .send(message, deliveryKey)
        .catch((error: unknown) => this.options.logger.error({ err: error, deliveryKey }, 'cannot queue an e-mail'));
    });
  }
}
