import { defineSubgraph, referenceAsIs } from '@cellgraph/kernel';
import { financeEvents } from './contracts.js';
import { Invoice } from './invoice/invoice.entity.js';
import { resolveInvoiceReference } from './invoice/invoice.reference.js';
import { InvoiceResolver } from './invoice/invoice.resolver.js';
import { InvoiceService } from './invoice/invoice.service.js';
import { migrations } from './migrations/index.js';
import type { FinanceServices } from './services.js';
import { invoiceTrash } from './trash.js';

export const financeSubgraph = defineSubgraph<FinanceServices>({
  name: 'finance',
  description: 'Finance: invoices.',
  scope: 'finance',
  scopeDescription: 'invoices',
  access: 'restricted', // members and guests need a finance module grant (identity's moduleAccessGrant)
  nodeTypes: ['Invoice'],
  trash: [invoiceTrash],
  // Invoices bill CRM contacts and deals; PDFs and receipts are stored as Files.
  dependsOn: ['identity', 'crm', 'files'],
  migrations,
  entities: [Invoice],
  resolvers: [InvoiceResolver],
  references: {
    Invoice: resolveInvoiceReference,
    User: referenceAsIs,
  },
  emits: financeEvents,
  createServices({ db, authz }) {
    return { db, authz, invoices: new InvoiceService(db, authz) };
  },
});
