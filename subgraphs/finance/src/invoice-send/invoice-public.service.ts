import {
  CodedError,
  currentRequestContext,
  ErrorCode,
  UserInputError,
  validateInput,
  anonymous,
  type BadTokenThrottle,
  type Database,
  type Logger,
  type Money,
  type RequestContext,
  zodMessage,
} from '@cellgraph/kernel';
import { z } from 'zod';
import { Invoice } from '../invoice/invoice.entity.js';
import type { HookRouter } from '../payment/local-payment-provider.js';
import type { PaymentService } from '../payment/payment.service.js';
import type { CustomerLanguage } from './customer-language.js';
import { renderInvoicePdf } from './invoice-pdf.js';
import { invoicePdfTexts } from './messages.js';
import type { InvoiceDelivery } from './invoice-delivery.entity.js';
import { InvoiceSendErrorCode, invoiceTokenInvalid } from './invoice-send.errors.js';
import { pdfSourceOf, type InvoiceSendService } from './invoice-send.service.js';
import { financeErrorTexts } from '../messages.js';

/** Where the PDF route is mounted on finance's hooks (the gateway serves it at `/hooks/finance/invoices/pdf`). */
export const PUBLIC_PDF_PATH = '/invoices/pdf';

const payArgs = z.object({ idempotencyKey: z.string().trim().min(1, zodMessage(financeErrorTexts.idempotencyKeyLength)).max(200).nullish() });

export interface InvoicePublicServiceOptions {
  db: Database;
  sending: InvoiceSendService;
  payments: PaymentService;
  throttle: BadTokenThrottle;
  logger: Logger;
  /** `APP_URL`: the public page the hosted payment page returns to; `publicUrl`: the gateway's (the PDF route). */
  config: { APP_URL: string; publicUrl: string };
  /** The language of the invoice's PDF (the organization's default). */
  customerLanguage: CustomerLanguage;
}

/**
 * What the customer does from an invoice's public page besides viewing it: pay it by card
 * (`publicInvoicePay`) and download its PDF (`GET /hooks/finance/invoices/pdf?token=…`). The
 * token of the e-mailed link is the only credential, checked as the public view checks it (the
 * same answer for malformed, unknown and expired tokens, each counted by the throttle); nobody
 * is signed in, everything runs as the delivery's organization. Neither marks the invoice viewed.
 */
export class InvoicePublicService {
  constructor(private readonly options: InvoicePublicServiceOptions) {}

  /** The link of an invoice's PDF for the holder of `token`. */
  pdfUrl(token: string): string {
    return `${this.options.config.publicUrl}/hooks/finance${PUBLIC_PDF_PATH}?token=${encodeURIComponent(token)}`;
  }

  /**
   * Starts a card payment of the amount due through the payments ledger's one card path (as
   * `invoicePay` does), initiated by the customer: the hosted page brings them back to the public
   * page. Idempotent on the key (the same payment and intent).
   */
  async pay(request: RequestContext, token: unknown, idempotencyKey?: string | null): Promise<{ clientSecret: string; paymentUrl: string; amount: Money }> {
    const args = validateInput(payArgs, { idempotencyKey }, InvoiceSendErrorCode.InvalidInput);
    const delivery = await this.liveDelivery(request, token);
    try {
      const started = await this.options.payments.payAsCustomer(delivery, {
        idempotencyKey: args.idempotencyKey,
        returnUrl: `${this.options.config.APP_URL}/invoice?token=${encodeURIComponent(String(token))}`,
      });
      return { clientSecret: started.clientSecret, paymentUrl: started.paymentUrl, amount: started.payment.amount };
    } catch (error) {
      throw aboutTheLink(error);
    }
  }

  /** The invoice's PDF as it is now (rendered on the fly: amounts paid and due included), named by its number. */
  async pdf(request: RequestContext, token: unknown): Promise<{ fileName: string; bytes: Buffer }> {
    const delivery = await this.options.sending.deliveryOf(request, token);
    const found = await this.options.db.transaction({ orgId: delivery.orgId, userId: null }, async (em) => {
      const invoice = await em.findOneBy(Invoice, { id: delivery.invoiceId });
      return invoice && { invoice, lines: await this.options.sending.linesOf(em, invoice) };
    });
    if (!found) return this.refuse(request);
    const parties = { organizationName: delivery.organizationName, customer: { name: delivery.customerName, email: null } };
    const reader = await this.options.customerLanguage.of(delivery.orgId);
    return {
      fileName: reader.t(invoicePdfTexts.fileName, { number: found.invoice.number }),
      bytes: await renderInvoicePdf(pdfSourceOf(found.invoice, found.lines, parties), { reader }),
    };
  }

  /**
   * `GET <hooks>/invoices/pdf?token=…`: the PDF inline, never cached. A bad token is a plain 404
   * that does not say why (nor whether the invoice exists); too many bad ones from one address, a 429.
   */
  mountPdfRoute(router: HookRouter): void {
    router.get(PUBLIC_PDF_PATH, async (req, res) => {
      res.set('Cache-Control', 'no-store');
      const request = currentRequestContext() ?? { requestId: 'hook', principal: anonymous };
      try {
        const { fileName, bytes } = await this.pdf(request, req.query.token);
        res
          .status(200)
          .type('application/pdf')
          .set('Content-Disposition', `inline; filename="${fileName.replace(/["\\]/g, '')}"`)
          .send(bytes);
      } catch (error) {
        if (error instanceof UserInputError) return void res.status(404).type('text/plain').send('Not found');
        if (error instanceof CodedError && error.extensions.code === ErrorCode.RateLimited) {
          return void res
            .status(429)
            .set('Retry-After', String(error.extensions.retryAfter ?? 60))
            .type('text/plain')
            .send('Too many requests');
        }
        this.options.logger.error({ err: error }, 'cannot render a public invoice PDF'); // the token stays out of the log
        res.status(500).type('text/plain').send('Something went wrong');
      }
    });
  }

  /** The delivery of a good token whose invoice still exists (not purged, not in the trash). */
  private async liveDelivery(request: RequestContext, token: unknown): Promise<InvoiceDelivery> {
    const delivery = await this.options.sending.deliveryOf(request, token);
    const exists = await this.options.db.transaction({ orgId: delivery.orgId, userId: null }, (em) => em.existsBy(Invoice, { id: delivery.invoiceId }));
    return exists ? delivery : this.refuse(request);
  }

  private async refuse(request: RequestContext): Promise<never> {
    await this.options.throttle.fail(request.clientAddress);
    throw invoiceTokenInvalid();
  }
}

/**
 * The payments ledger's refusals point at its own input (`input.invoiceId`); here the link names
 * the invoice and the key is an argument.
 */
function aboutTheLink(error: unknown): unknown {
  if (!(error instanceof UserInputError)) return error;
  const fieldOf = (field: readonly (string | number)[] | null | undefined) =>
    field?.[0] !== 'input' ? (field ?? null) : field[1] === 'idempotencyKey' ? ['idempotencyKey'] : ['token'];
  return new UserInputError(
    error.errors.map((each) => ({ ...each, field: fieldOf(each.field) })),
    error.payload,
  );
}
