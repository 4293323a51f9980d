import { mutationPayload, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Invoice } from '../invoice/invoice.entity.js';
import type { FinanceServices } from '../services.js';
import { FileRef } from '../file/file.ref.js';
import { InvoicePdfInput, InvoicePdfPayload, InvoiceSendInput, InvoiceSendPayload, PublicInvoice, PublicInvoicePayPayload } from './invoice-send.inputs.js';

type Context = SubgraphContext<FinanceServices>;

/** The organization's side of sending: send, preview PDF, the latest sent PDF of an invoice. */
@Resolver(() => Invoice)
export class InvoiceSendResolver {
  constructor(private readonly services: FinanceServices) {}

  @Mutation(() => InvoiceSendPayload, {
    nullable: true,
    description: 'E-mail an invoice with its PDF and a link to its public page; a DRAFT becomes SENT (re-sending keeps the status).',
  })
  invoiceSend(@Arg('input', () => InvoiceSendInput) input: InvoiceSendInput, @Ctx() context: Context): Promise<InvoiceSendPayload> {
    return mutationPayload(() => this.services.sending.send(context.request, input));
  }

  @Mutation(() => InvoicePdfPayload, { nullable: true, description: 'Render an invoice (a draft too: a preview) to PDF, stored as a File attached to it.' })
  invoicePdf(@Arg('input', () => InvoicePdfInput) input: InvoicePdfInput, @Ctx() context: Context): Promise<InvoicePdfPayload> {
    return mutationPayload(async () => ({ file: await this.services.sending.preview(context.request, input) }));
  }

  @FieldResolver(() => FileRef, { nullable: true, description: 'The PDF it was last sent with (null until sent).' })
  pdf(@Root() invoice: Invoice, @Ctx() context: Context): Promise<FileRef | null> {
    return context.loaders.get<string, FileRef | null>('finance.invoicePdf', (ids) => this.services.sending.latestPdfs(context.request, ids)).load(invoice.id);
  }
}

/** The customer's side (no account): the public view and paying it; the token of the e-mailed link is the only credential. */
@Resolver()
export class PublicInvoiceResolver {
  constructor(private readonly services: FinanceServices) {}

  @Query(() => PublicInvoice, {
    nullable: true,
    description: 'The invoice an e-mailed link shows (public: the token is the only credential); the first view marks it VIEWED.',
  })
  async publicInvoice(@Arg('token') token: string, @Ctx() context: Context): Promise<PublicInvoice> {
    const view = await this.services.sending.publicView(context.request, token);
    return { ...view, pdfUrl: this.services.publicInvoices.pdfUrl(token) };
  }

  @Mutation(() => PublicInvoicePayPayload, {
    nullable: true,
    description:
      'Start a card payment of what is due on the invoice of an e-mailed link (public: the token is the only credential); pay it on `paymentUrl`, which returns to the public page.',
  })
  publicInvoicePay(
    @Arg('token') token: string,
    @Arg('idempotencyKey', () => String, { nullable: true, description: 'The same key answers the same payment (1 to 200 characters).' })
    idempotencyKey: string | null | undefined,
    @Ctx() context: Context,
  ): Promise<PublicInvoicePayPayload> {
    return mutationPayload(() => this.services.publicInvoices.pay(context.request, token, idempotencyKey));
  }
}
