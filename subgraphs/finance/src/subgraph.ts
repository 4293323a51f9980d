import { defineSubgraph, KEY_FORBIDDEN, referenceAsIs } from '@cellgraph/kernel';
import { financeEvents } from './contracts.js';
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
import { InvoiceDelivery } from './invoice-send/invoice-delivery.entity.js';
import { parseInvoiceSendConfig } from './invoice-send/invoice-send.config.js';
import { InvoiceSendResolver, PublicInvoiceResolver } from './invoice-send/invoice-send.resolver.js';
import { InvoiceSendService } from './invoice-send/invoice-send.service.js';
import { InvoiceTokenThrottle } from './invoice-send/invoice-token-throttle.js';
import { migrations } from './migrations/index.js';
import type { FinanceServices } from './services.js';
import { expenseTrash, invoiceTrash } from './trash.js';

export const financeSubgraph = defineSubgraph<FinanceServices>({
  name: 'finance',
  description: 'Finance: invoices to CRM contacts, with lines, totals, numbering and status; expenses and their approval.',
  scope: 'finance',
  scopeDescription: 'invoices and expenses',
  access: 'restricted', // members and guests need a finance module grant (identity's moduleAccessGrant)
  nodeTypes: ['Expense', 'Invoice'],
  trash: [expenseTrash, invoiceTrash],
  // Invoices bill CRM contacts and deals; PDFs and receipts are stored as Files.
  dependsOn: ['identity', 'crm', 'files'],
  migrations,
  entities: [Expense, Invoice, InvoiceLine, InvoiceDelivery],
  resolvers: [ExpenseResolver, InvoiceResolver, InvoiceLiveResolver, ContactFinanceResolver, DealFinanceResolver, InvoiceSendResolver, PublicInvoiceResolver],
  liveEvents: { invoiceChanged: { events: ['invoice.*'], routes: { id: ['subject.id'] } } },
  // The public invoice token is the customer's credential: an API key has nothing to do with it.
  keyAccess: { publicInvoice: KEY_FORBIDDEN },
  references: {
    Expense: resolveExpenseReference,
    Invoice: resolveInvoiceReference,
    Contact: referenceAsIs,
    Deal: referenceAsIs,
    User: referenceAsIs,
  },
  orphanedTypes: [ContactRef, DealRef],
  emits: financeEvents,
  createServices({ db, authz, graph, redis, keyPrefix, mailer, logger, env }) {
    const invoices = new InvoiceService(db, authz, graph);
    const sendConfig = parseInvoiceSendConfig(env);
    const throttle = new InvoiceTokenThrottle(redis, keyPrefix, {
      failuresPerAddress: sendConfig.INVOICE_TOKEN_FAILURES_PER_ADDRESS,
      windowSeconds: sendConfig.INVOICE_TOKEN_FAILURE_WINDOW_SECONDS,
    });
    const sending = new InvoiceSendService({ db, invoices, graph, mailer, logger, throttle, config: sendConfig });
    return { db, authz, expenses: new ExpenseService(db, authz, graph), invoices, sending };
  },
  jobs: ({ invoices }) => ({
    [INVOICE_OVERDUE_SWEEP_JOB]: async () => void (await invoices.markOverdue()),
  }),
  schedules: [{ job: INVOICE_OVERDUE_SWEEP_JOB, everyMs: INVOICE_OVERDUE_SWEEP_EVERY_MS }],
});
