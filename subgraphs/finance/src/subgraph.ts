import { defineSubgraph, referenceAsIs } from '@cellgraph/kernel';
import { financeEvents } from './contracts.js';
import { ContactRef } from './crm/contact.ref.js';
import { ContactFinanceResolver, DealFinanceResolver } from './crm/crm-finance.resolver.js';
import { DealRef } from './crm/deal.ref.js';
import { InvoiceLine } from './invoice/invoice-line.entity.js';
import { Invoice } from './invoice/invoice.entity.js';
import { InvoiceLiveResolver } from './invoice/invoice.live.js';
import { resolveInvoiceReference } from './invoice/invoice.reference.js';
import { InvoiceResolver } from './invoice/invoice.resolver.js';
import { INVOICE_OVERDUE_SWEEP_EVERY_MS, INVOICE_OVERDUE_SWEEP_JOB, InvoiceService } from './invoice/invoice.service.js';
import { migrations } from './migrations/index.js';
import type { FinanceServices } from './services.js';
import { invoiceTrash } from './trash.js';

export const financeSubgraph = defineSubgraph<FinanceServices>({
  name: 'finance',
  description: 'Finance: invoices to CRM contacts, with lines, totals, numbering and status.',
  scope: 'finance',
  scopeDescription: 'invoices',
  nodeTypes: ['Invoice'],
  trash: [invoiceTrash],
  // Invoices bill CRM contacts and deals; PDFs and receipts are stored as Files.
  dependsOn: ['identity', 'crm', 'files'],
  migrations,
  entities: [Invoice, InvoiceLine],
  resolvers: [InvoiceResolver, InvoiceLiveResolver, ContactFinanceResolver, DealFinanceResolver],
  liveEvents: { invoiceChanged: { events: ['invoice.*'], routes: { id: ['subject.id'] } } },
  references: {
    Invoice: resolveInvoiceReference,
    Contact: referenceAsIs,
    Deal: referenceAsIs,
    User: referenceAsIs,
  },
  orphanedTypes: [ContactRef, DealRef],
  emits: financeEvents,
  createServices({ db, authz, graph }) {
    return { db, authz, invoices: new InvoiceService(db, authz, graph) };
  },
  jobs: ({ invoices }) => ({
    [INVOICE_OVERDUE_SWEEP_JOB]: async () => void (await invoices.markOverdue()),
  }),
  schedules: [{ job: INVOICE_OVERDUE_SWEEP_JOB, everyMs: INVOICE_OVERDUE_SWEEP_EVERY_MS }],
});
