import { BadTokenThrottle, defineSubgraph, KEY_FORBIDDEN, referenceAsIs, typedJob, deletionEvents } from '@cellgraph/kernel';
import { financeJobMessages } from './messages.js';
import { financeEvents, financeJobs } from './contracts.js';
import { ContactRef } from './crm/contact.ref.js';
import { ContactFinanceResolver, DealFinanceResolver } from './crm/crm-finance.resolver.js';
import { DealRef } from './crm/deal.ref.js';
import { InvoiceLine } from './invoice/invoice-line.entity.js';
import { Expense } from './expense/expense.entity.js';
import { resolveExpenseReference } from './expense/expense.reference.js';
import { ExpenseResolver } from './expense/expense.resolver.js';
import { ExpenseService } from './expense/expense.service.js';
import { Invoice } from './invoice/invoice.entity.js';
import { InvoiceLiveResolver } from './invoice/invoice.live.js';
import { resolveInvoiceReference } from './invoice/invoice.reference.js';
import { InvoiceResolver } from './invoice/invoice.resolver.js';
import { INVOICE_OVERDUE_SWEEP_EVERY_MS, INVOICE_OVERDUE_SWEEP_JOB, InvoiceService } from './invoice/invoice.service.js';
import { InvoiceDeliveries } from './invoice-send/invoice-deliveries.js';
import { InvoiceDelivery } from './invoice-send/invoice-delivery.entity.js';
import { InvoicePublicService } from './invoice-send/invoice-public.service.js';
import { parseInvoiceSendConfig } from './invoice-send/invoice-send.config.js';
import { InvoiceSendResolver, PublicInvoiceResolver } from './invoice-send/invoice-send.resolver.js';
import { InvoiceSendService } from './invoice-send/invoice-send.service.js';
import { migrations } from './migrations/index.js';
import { LocalPaymentProvider } from './payment/local-payment-provider.js';
import { parsePaymentConfig } from './payment/payment.config.js';
import { Payment } from './payment/payment.entity.js';
import { resolvePaymentReference } from './payment/payment.reference.js';
import { InvoicePaymentsResolver, PaymentResolver } from './payment/payment.resolver.js';
import { PaymentService } from './payment/payment.service.js';
import { resolveRecurringInvoiceReference } from './recurrence/recurring-invoice.reference.js';
import { InvoiceRecurrenceResolver, RecurringInvoiceResolver } from './recurrence/recurring-invoice.resolver.js';
import { RECURRING_INVOICE_ISSUE_EVERY_MS, RECURRING_INVOICE_ISSUE_JOB, RecurringInvoiceService } from './recurrence/recurring-invoice.service.js';
import { RecurringInvoiceIssue } from './recurrence/recurring-invoice-issue.entity.js';
import { RecurringInvoice } from './recurrence/recurring-invoice.entity.js';
import { ReportResolver } from './report/report.resolver.js';
import { ReportService } from './report/report.service.js';
import type { FinanceServices } from './services.js';
import { expenseTrash, invoiceTrash } from './trash.js';
import { CustomerLanguage } from './invoice-send/customer-language.js';

export const financeSubgraph = defineSubgraph<FinanceServices>({
  name: 'finance',
  description: 'Finance: invoices to CRM contacts, with lines, totals, numbering and status; expenses and their approval.',
  scope: 'finance',
  scopeDescription: 'invoices, payments, recurring invoices, expenses and reports',
  access: 'restricted', // members and guests need a finance module grant (identity's moduleAccessGrant)
  nodeTypes: ['Expense', 'Invoice', 'Payment', 'RecurringInvoice'],
  // Found by the cell's search (the kernel writes their documents from these events).
  searchable: [{ type: 'Invoice', table: 'invoices', title: 'number', body: ['notes', 'terms'], events: ['invoice.*'] }],
  trash: [expenseTrash, invoiceTrash],
  // Invoices bill CRM contacts and deals; PDFs and receipts are stored as Files.
  dependsOn: ['identity', 'crm', 'files'],
  migrations,
  entities: [Expense, Invoice, InvoiceLine, InvoiceDelivery, Payment, RecurringInvoice, RecurringInvoiceIssue],
  // The payment provider's webhooks are signed with it (shared with the provider).
  secrets: ['PAYMENT_WEBHOOK_SECRET'],
  resolvers: [
    ExpenseResolver,
    InvoiceResolver,
    InvoiceLiveResolver,
    ContactFinanceResolver,
    DealFinanceResolver,
    InvoiceSendResolver,
    PublicInvoiceResolver,
    PaymentResolver,
    InvoicePaymentsResolver,
    InvoiceRecurrenceResolver,
    RecurringInvoiceResolver,
    ReportResolver,
  ],
  liveEvents: { invoiceChanged: { events: ['invoice.*'], routes: { id: ['subject.id'] } } },
  // The public invoice token is the customer's credential: an API key has nothing to do with it.
  keyAccess: { publicInvoice: KEY_FORBIDDEN, publicInvoicePay: KEY_FORBIDDEN },
  references: {
    Expense: resolveExpenseReference,
    Invoice: resolveInvoiceReference,
    Payment: resolvePaymentReference,
    RecurringInvoice: resolveRecurringInvoiceReference,
    Contact: referenceAsIs,
    Deal: referenceAsIs,
    User: referenceAsIs,
  },
  orphanedTypes: [ContactRef, DealRef],
  emits: financeEvents,
  audited: deletionEvents(financeEvents),
  createServices({ db, authz, graph, redis, keyPrefix, mailer, logger, env, settings }) {
    const invoices = new InvoiceService(db, authz, graph);
    const sendConfig = parseInvoiceSendConfig(env);
    const throttle = new BadTokenThrottle(
      redis,
      keyPrefix,
      { name: 'finance:invoice-token', what: 'invoice links' },
      {
        failuresPerAddress: sendConfig.INVOICE_TOKEN_FAILURES_PER_ADDRESS,
        windowSeconds: sendConfig.INVOICE_TOKEN_FAILURE_WINDOW_SECONDS,
      },
    );
    const customerLanguage = new CustomerLanguage(settings, logger);
    const deliveries = new InvoiceDeliveries({ db, invoices, mailer, logger, config: sendConfig, customerLanguage });
    const sending = new InvoiceSendService({ db, invoices, graph, mailer, logger, throttle, deliveries, config: sendConfig, customerLanguage });
    const paymentConfig = parsePaymentConfig(env);
    const paymentProvider = new LocalPaymentProvider({
      dir: paymentConfig.dir,
      publicUrl: paymentConfig.publicUrl,
      secret: paymentConfig.webhookSecret,
      logger,
    });
    const payments = new PaymentService(db, authz, invoices, paymentProvider, logger);
    const publicInvoices = new InvoicePublicService({
      db,
      sending,
      payments,
      throttle,
      logger,
      config: { APP_URL: sendConfig.APP_URL, publicUrl: paymentConfig.publicUrl },
      customerLanguage,
    });
    return {
      db,
      authz,
      expenses: new ExpenseService(db, authz, graph),
      invoices,
      sending,
      publicInvoices,
      payments,
      paymentProvider,
      recurringInvoices: new RecurringInvoiceService(db, authz, invoices, graph, deliveries),
      reports: new ReportService(db, authz),
    };
  },
  // Reached through the gateway at /hooks/finance/…: the payment provider's webhook, the simulator's hosted payment page and
  // an invoice's PDF for the holder of its public link.
  hooks(router, { payments, paymentProvider, publicInvoices }) {
    router.post('/payments/webhook', async (req, res) => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value[0] : value]));
      const outcome = await payments.receiveWebhook(req.body as Buffer, headers);
      if (outcome === 'forged') return void res.status(401).json({ error: 'invalid signature' });
      res.json({ received: true, replayed: outcome === 'replayed' });
    });
    paymentProvider.mountPaymentPage(router);
    publicInvoices.mountPdfRoute(router);
  },
  jobs: ({ invoices, recurringInvoices }) => ({
    [INVOICE_OVERDUE_SWEEP_JOB]: async () => void (await invoices.markOverdue()),
    [RECURRING_INVOICE_ISSUE_JOB]: typedJob(
      RECURRING_INVOICE_ISSUE_JOB,
      financeJobs[RECURRING_INVOICE_ISSUE_JOB],
      async (data) => void (await recurringInvoices.issueDue(data.today)),
    ),
  }),
  schedules: [
    { job: INVOICE_OVERDUE_SWEEP_JOB, everyMs: INVOICE_OVERDUE_SWEEP_EVERY_MS, description: financeJobMessages.overdueSweep },
    { job: RECURRING_INVOICE_ISSUE_JOB, everyMs: RECURRING_INVOICE_ISSUE_EVERY_MS, description: financeJobMessages.recurringIssue },
  ],
});
