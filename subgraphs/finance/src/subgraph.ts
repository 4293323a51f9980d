import { defineSubgraph, referenceAsIs } from '@cellgraph/kernel';
import { financeEvents } from './contracts.js';
import { ContactRef } from './crm/contact.ref.js';
import { DealRef } from './crm/deal.ref.js';
import { InvoiceLine } from './invoice/invoice-line.entity.js';
import { Invoice } from './invoice/invoice.entity.js';
import { InvoiceLiveResolver } from './invoice/invoice.live.js';
import { resolveInvoiceReference } from './invoice/invoice.reference.js';
import { InvoiceResolver } from './invoice/invoice.resolver.js';
import { INVOICE_OVERDUE_SWEEP_EVERY_MS, INVOICE_OVERDUE_SWEEP_JOB, InvoiceService } from './invoice/invoice.service.js';
import { migrations } from './migrations/index.js';
import { LocalPaymentProvider } from './payment/local-payment-provider.js';
import { parsePaymentConfig } from './payment/payment.config.js';
import { Payment } from './payment/payment.entity.js';
import { resolvePaymentReference } from './payment/payment.reference.js';
import { InvoicePaymentsResolver, PaymentResolver } from './payment/payment.resolver.js';
import { PaymentService } from './payment/payment.service.js';
import type { FinanceServices } from './services.js';
import { invoiceTrash } from './trash.js';

export const financeSubgraph = defineSubgraph<FinanceServices>({
  name: 'finance',
  description: 'Finance: invoices to CRM contacts, with lines, totals, numbering and status.',
  scope: 'finance',
  scopeDescription: 'invoices',
  nodeTypes: ['Invoice', 'Payment'],
  trash: [invoiceTrash],
  // Invoices bill CRM contacts and deals; PDFs and receipts are stored as Files.
  dependsOn: ['identity', 'crm', 'files'],
  migrations,
  entities: [Invoice, InvoiceLine, Payment],
  // The payment provider's webhooks are signed with it (shared with the provider).
  secrets: ['PAYMENT_WEBHOOK_SECRET'],
  resolvers: [InvoiceResolver, InvoiceLiveResolver, PaymentResolver, InvoicePaymentsResolver],
  liveEvents: { invoiceChanged: { events: ['invoice.*'], routes: { id: ['subject.id'] } } },
  references: {
    Invoice: resolveInvoiceReference,
    Payment: resolvePaymentReference,
    Contact: referenceAsIs,
    Deal: referenceAsIs,
    User: referenceAsIs,
  },
  orphanedTypes: [ContactRef, DealRef],
  emits: financeEvents,
  createServices({ db, authz, graph, logger, env }) {
    const invoices = new InvoiceService(db, authz, graph);
    const paymentConfig = parsePaymentConfig(env);
    const paymentProvider = new LocalPaymentProvider({
      dir: paymentConfig.dir,
      publicUrl: paymentConfig.publicUrl,
      secret: paymentConfig.webhookSecret,
      logger,
    });
    return { db, authz, invoices, payments: new PaymentService(db, authz, invoices, paymentProvider, logger), paymentProvider };
  },
  // Reached through the gateway at /hooks/finance/…: the payment provider's webhook and the simulator's hosted payment page.
  hooks(router, { payments, paymentProvider }) {
    router.post('/payments/webhook', async (req, res) => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value[0] : value]));
      const outcome = await payments.receiveWebhook(req.body as Buffer, headers);
      if (outcome === 'forged') return void res.status(401).json({ error: 'invalid signature' });
      res.json({ received: true, replayed: outcome === 'replayed' });
    });
    paymentProvider.mountPaymentPage(router);
  },
  jobs: ({ invoices }) => ({
    [INVOICE_OVERDUE_SWEEP_JOB]: async () => void (await invoices.markOverdue()),
  }),
  schedules: [{ job: INVOICE_OVERDUE_SWEEP_JOB, everyMs: INVOICE_OVERDUE_SWEEP_EVERY_MS }],
});
