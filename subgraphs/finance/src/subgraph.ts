import { defineSubgraph, referenceAsIs, typedJob } from '@cellgraph/kernel';
import { financeEvents, financeJobs } from './contracts.js';
import { ContactRef } from './crm/contact.ref.js';
import { DealRef } from './crm/deal.ref.js';
import { Expense } from './expense/expense.entity.js';
import { resolveExpenseReference } from './expense/expense.reference.js';
import { ExpenseResolver } from './expense/expense.resolver.js';
import { ExpenseService } from './expense/expense.service.js';
import { InvoiceLine } from './invoice/invoice-line.entity.js';
import { Invoice } from './invoice/invoice.entity.js';
import { InvoiceLiveResolver } from './invoice/invoice.live.js';
import { resolveInvoiceReference } from './invoice/invoice.reference.js';
import { InvoiceResolver } from './invoice/invoice.resolver.js';
import { INVOICE_OVERDUE_SWEEP_EVERY_MS, INVOICE_OVERDUE_SWEEP_JOB, InvoiceService } from './invoice/invoice.service.js';
import { migrations } from './migrations/index.js';
import { resolveRecurringInvoiceReference } from './recurrence/recurring-invoice.reference.js';
import { InvoiceRecurrenceResolver, RecurringInvoiceResolver } from './recurrence/recurring-invoice.resolver.js';
import { RECURRING_INVOICE_ISSUE_EVERY_MS, RECURRING_INVOICE_ISSUE_JOB, RecurringInvoiceService } from './recurrence/recurring-invoice.service.js';
import { RecurringInvoiceIssue } from './recurrence/recurring-invoice-issue.entity.js';
import { RecurringInvoice } from './recurrence/recurring-invoice.entity.js';
import { ReportResolver } from './report/report.resolver.js';
import { ReportService } from './report/report.service.js';
import type { FinanceServices } from './services.js';
import { expenseTrash, invoiceTrash } from './trash.js';

export const financeSubgraph = defineSubgraph<FinanceServices>({
  name: 'finance',
  description: 'Finance: invoices to CRM contacts, with lines, totals, numbering and status.',
  scope: 'finance',
  scopeDescription: 'invoices',
  nodeTypes: ['Expense', 'Invoice', 'RecurringInvoice'],
  trash: [expenseTrash, invoiceTrash],
  // Invoices bill CRM contacts and deals; PDFs and receipts are stored as Files.
  dependsOn: ['identity', 'crm', 'files'],
  migrations,
  entities: [Expense, Invoice, InvoiceLine, RecurringInvoice, RecurringInvoiceIssue],
  resolvers: [ExpenseResolver, InvoiceResolver, InvoiceLiveResolver, InvoiceRecurrenceResolver, RecurringInvoiceResolver, ReportResolver],
  liveEvents: { invoiceChanged: { events: ['invoice.*'], routes: { id: ['subject.id'] } } },
  references: {
    Expense: resolveExpenseReference,
    Invoice: resolveInvoiceReference,
    RecurringInvoice: resolveRecurringInvoiceReference,
    Contact: referenceAsIs,
    Deal: referenceAsIs,
    User: referenceAsIs,
  },
  orphanedTypes: [ContactRef, DealRef],
  emits: financeEvents,
  createServices({ db, authz, graph }) {
    const invoices = new InvoiceService(db, authz, graph);
    return {
      db,
      authz,
      expenses: new ExpenseService(db, authz, graph),
      invoices,
      recurringInvoices: new RecurringInvoiceService(db, authz, invoices),
      reports: new ReportService(db, authz),
    };
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
    { job: INVOICE_OVERDUE_SWEEP_JOB, everyMs: INVOICE_OVERDUE_SWEEP_EVERY_MS },
    { job: RECURRING_INVOICE_ISSUE_JOB, everyMs: RECURRING_INVOICE_ISSUE_EVERY_MS },
  ],
});
