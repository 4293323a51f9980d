import {
  formatAmount,
  fromGlobalId,
  globalIdOf,
  hashSecretToken,
  idempotent,
  Money,
  requireOrgId,
  requireUserId,
  storeGeneratedFile,
  toGlobalId,
  validateInput,
  type BadTokenThrottle,
  type Database,
  type GraphClient,
  type Logger,
  type Mailer,
  type RequestContext,
  zodMessage,
} from '@cellgraph/kernel';
import Big from 'big.js';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { InvoiceLine } from '../invoice/invoice-line.entity.js';
import { InvoiceStatus } from '../invoice/invoice-status.js';
import { Invoice } from '../invoice/invoice.entity.js';
import { invoiceNotFound } from '../invoice/invoice.errors.js';
import type { InvoiceService } from '../invoice/invoice.service.js';
import { FileRef } from '../file/file.ref.js';
import { InvoiceDelivery } from './invoice-delivery.entity.js';
import { invoiceLinesOf, type InvoiceDeliveries } from './invoice-deliveries.js';
import { invoiceRecipients, readInvoiceParties, recipientsOrContact, type InvoiceParties } from './invoice-parties.js';
import type { CustomerLanguage } from './customer-language.js';
import { renderInvoicePdf, type InvoicePdfSource } from './invoice-pdf.js';
import { invoicePdfTexts } from './messages.js';
import type { InvoiceSendConfig } from './invoice-send.config.js';
import { InvoiceSendErrorCode, invoiceNoRecipient, invoiceTokenInvalid } from './invoice-send.errors.js';
import type { InvoiceSendInput, PublicInvoice } from './invoice-send.inputs.js';
import { financeErrorTexts } from '../messages.js';

export { INVOICE_TOKEN_PREFIX } from './invoice-deliveries.js';
/** A well-formed token: the prefix and 32 random bytes (base64url). Anything else is refused unread. */
const TOKEN_SHAPE = /^cgi_[A-Za-z0-9_-]{43}$/;
const sendInput = z.object({
  id: globalIdOf('Invoice'),
  to: invoiceRecipients.nullish(),
  message: z.string().trim().max(5000, zodMessage(financeErrorTexts.messageTooLong)).nullish(),
});
const idInput = z.object({ id: globalIdOf('Invoice') });

export type Parties = InvoiceParties;

export interface InvoiceSendServiceOptions {
  db: Database;
  invoices: InvoiceService;
  graph: GraphClient;
  mailer: Pick<Mailer, 'send'>;
  logger: Logger;
  throttle: BadTokenThrottle;
  /** The delivery-creating part of sending, shared with the recurring-invoice job. */
  deliveries: InvoiceDeliveries;
  config: Pick<InvoiceSendConfig, 'APP_URL' | 'INVOICE_LINK_DAYS'>;
  /** The language of the invoice's PDF (the organization's default, as its customers read it). */
  customerLanguage: CustomerLanguage;
}

/**
 * Sending invoices: the PDF (rendered here, stored as a File through the files module, as the
 * caller), the e-mail with the public link (the platform's mail queue, after the commit), the move
 * to SENT through the invoice core's one transition; and the public view by token, whose first
 * opening marks the invoice VIEWED. The token is the public view's only authority: the delivery it
 * hashes to names the organization and the invoice, and nothing else is accepted.
 */
export class InvoiceSendService {
  constructor(private readonly options: InvoiceSendServiceOptions) {}

  private get db() {
    return this.options.db;
  }

  /**
   * Sends an invoice: renders and stores its PDF, records the delivery (a new public token), moves
   * a DRAFT to SENT (`invoice.sent`; a re-send emits `invoice.sent` with `resent`), and e-mails each
   * recipient after the commit. All in one transaction holding the invoice's row and the
   * idempotency key: a duplicate waits for the first and replays it (one PDF, one e-mail).
   */
  async send(request: RequestContext, input: InvoiceSendInput): Promise<{ invoice: Invoice; recipients: string[] }> {
    requireOrgId(request);
    const sentBy = requireUserId(request);
    const valid = validateInput(sendInput, input, InvoiceSendErrorCode.InvalidInput);
    await this.options.invoices.access.requireExisting(request, 'write', valid.id);
    return this.db.transaction(request, (em, hooks) =>
      idempotent(em, this.db.schema, {
        key: input.idempotencyKey,
        operation: 'invoiceSend',
        input: valid,
        idOf: (result) => result.deliveryId,
        load: async (deliveryId) => {
          const delivery = await em.findOneBy(InvoiceDelivery, { id: deliveryId });
          const invoice = delivery && (await em.findOneBy(Invoice, { id: delivery.invoiceId }));
          return delivery && invoice ? { invoice, recipients: delivery.recipients, deliveryId } : null;
        },
        create: async () => {
          const invoice = await this.options.invoices.access.loadForUpdate(em, request, 'write', valid.id);
          const lines = await this.options.deliveries.sendableLines(em, invoice);
          const parties = await this.parties(request, invoice);
          const recipients = recipientsOrContact(valid.to, parties);
          if (!recipients) throw invoiceNoRecipient();
          const pdf = await this.storePdf(request, invoice, lines, parties);
          const { invoice: sent, delivery } = await this.options.deliveries.deliver(em, hooks, invoice, {
            recipients,
            message: valid.message || null,
            organizationName: parties.organizationName,
            customerName: parties.customer.name,
            pdfFileId: fromGlobalId('File', pdf.id),
            sentBy,
          });
          return { invoice: sent, recipients, deliveryId: delivery.id };
        },
      }),
    );
  }

  /** Renders an invoice (any status: a draft's preview) to PDF, stored as a File attached to it. */
  async preview(request: RequestContext, input: { id: string }): Promise<FileRef> {
    const { id } = validateInput(idInput, input, InvoiceSendErrorCode.InvalidInput);
    await this.options.invoices.access.requireExisting(request, 'read', id);
    const [invoice] = await this.options.invoices.access.byIds(request, [id]);
    if (!invoice) throw invoiceNotFound();
    const lines = await this.db.transaction(request, (em) => this.linesOf(em, invoice));
    return this.storePdf(request, invoice, lines, await this.parties(request, invoice));
  }

  /** The PDF of each invoice's latest delivery that has one (null for one never sent, or sent only by the recurring job), one statement for all. */
  async latestPdfs(request: RequestContext, invoiceIds: readonly string[]): Promise<(FileRef | null)[]> {
    const rows: { invoice_id: string; pdf_file_id: string }[] = await this.db.transaction(request, (em) =>
      em.query(
        `SELECT DISTINCT ON (invoice_id) invoice_id, pdf_file_id FROM finance.invoice_deliveries
         WHERE invoice_id = ANY($1::uuid[]) AND pdf_file_id IS NOT NULL ORDER BY invoice_id, sent_at DESC, id DESC`,
        [invoiceIds],
      ),
    );
    const byInvoice = new Map(rows.map((row) => [row.invoice_id, row.pdf_file_id]));
    return invoiceIds.map((id) => {
      const fileId = byInvoice.get(id);
      return fileId ? FileRef.of(toGlobalId('File', fileId)) : null;
    });
  }

  /**
   * The invoice a public link shows, as its customer sees it. The first opening of a SENT invoice
   * marks it VIEWED (`invoice.viewed`, once: under the invoice's row lock, viewed_at is set only
   * once); later openings change nothing.
   */
  async publicView(request: RequestContext, token: unknown): Promise<Omit<PublicInvoice, 'pdfUrl'>> {
    const delivery = await this.deliveryOf(request, token);
    return this.db.transaction({ orgId: delivery.orgId, userId: null }, async (em) => {
      let invoice = await em.findOneBy(Invoice, { id: delivery.invoiceId });
      if (!invoice) {
        await this.options.throttle.fail(request.clientAddress);
        throw invoiceTokenInvalid();
      }
      if (!invoice.viewedAt && invoice.status !== InvoiceStatus.DRAFT) {
        const locked = await em.findOneOrFail(Invoice, { where: { id: invoice.id }, lock: { mode: 'pessimistic_write' } });
        invoice = await this.options.invoices.markViewed(em, locked);
      }
      return publicInvoiceOf(invoice, await this.linesOf(em, invoice), delivery);
    });
  }

  /**
   * The live delivery a token names — or, for anything else (malformed, unknown, expired),
   * INVOICE_TOKEN_INVALID, counted against the caller's address.
   */
  async deliveryOf(request: RequestContext, token: unknown): Promise<InvoiceDelivery> {
    await this.options.throttle.check(request.clientAddress);
    const tokenHash = typeof token === 'string' && TOKEN_SHAPE.test(token) ? hashSecretToken(token) : null;
    const delivery = tokenHash
      ? await this.db.transaction({ orgId: null, userId: null, settings: { token_hash: tokenHash } }, (em) => em.findOneBy(InvoiceDelivery, { tokenHash }))
      : null;
    if (!delivery || delivery.expiresAt.getTime() <= Date.now()) {
      await this.options.throttle.fail(request.clientAddress);
      throw invoiceTokenInvalid();
    }
    return delivery;
  }

  linesOf(em: EntityManager, invoice: Invoice): Promise<InvoiceLine[]> {
    return invoiceLinesOf(em, invoice);
  }

  /** The organization's name and the customer (the CRM contact), asked of the graph as the caller. */
  private parties(request: RequestContext, invoice: Invoice): Promise<Parties> {
    return readInvoiceParties(this.options.graph, request, invoice.contactId);
  }

  private async storePdf(request: RequestContext, invoice: Invoice, lines: InvoiceLine[], parties: Parties): Promise<FileRef> {
    const reader = await this.options.customerLanguage.of(invoice.orgId);
    const bytes = await renderInvoicePdf(pdfSourceOf(invoice, lines, parties), { reader });
    const file = await storeGeneratedFile(this.options.graph, request, {
      name: reader.t(invoicePdfTexts.fileName, { number: invoice.number }),
      contentType: 'application/pdf',
      bytes,
      aboutId: toGlobalId('Invoice', invoice.id),
    });
    return FileRef.of(file.id);
  }
}

export function pdfSourceOf(invoice: Invoice, lines: InvoiceLine[], parties: Parties): InvoicePdfSource {
  const amount = (value: string) => formatAmount(value, invoice.currency);
  return {
    ...parties,
    number: invoice.number,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    currency: invoice.currency,
    lines: lines.map((line) => ({
      description: line.description,
      quantity: line.quantity,
      unitPrice: amount(line.unitPriceValue),
      taxRate: line.taxRate,
      amount: amount(line.amountValue),
    })),
    subtotal: amount(invoice.subtotalAmount),
    discountTotal: amount(invoice.discountTotalAmount),
    taxTotal: amount(invoice.taxTotalAmount),
    total: amount(invoice.totalAmount),
    amountPaid: amount(invoice.paidAmount),
    amountDue: amount(new Big(invoice.totalAmount).minus(invoice.paidAmount).toFixed()),
    memo: invoice.notes,
    terms: invoice.terms,
  };
}

function publicInvoiceOf(invoice: Invoice, lines: InvoiceLine[], delivery: InvoiceDelivery): Omit<PublicInvoice, 'pdfUrl'> {
  const money = (value: string | Big) => Money.of(value, invoice.currency);
  const due = new Big(invoice.totalAmount).minus(invoice.paidAmount);
  return {
    number: invoice.number,
    status: invoice.status,
    organizationName: delivery.organizationName,
    customerName: delivery.customerName,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    currencyCode: invoice.currency,
    lines: lines.map((line) => ({
      description: line.description,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      taxRate: line.taxRate,
      amount: line.amount,
    })),
    subtotal: money(invoice.subtotalAmount),
    discountTotal: money(invoice.discountTotalAmount),
    taxTotal: money(invoice.taxTotalAmount),
    total: money(invoice.totalAmount),
    amountPaid: money(invoice.paidAmount),
    amountDue: money(due),
    memo: invoice.notes,
    terms: invoice.terms,
    payable: due.gt(0) && [InvoiceStatus.SENT, InvoiceStatus.VIEWED, InvoiceStatus.PARTIALLY_PAID, InvoiceStatus.OVERDUE].includes(invoice.status),
  };
}
