import { defineSubgraph, referenceAsIs } from '@cellgraph/kernel';
import { financeEvents } from './contracts.js';
import { Expense } from './expense/expense.entity.js';
import { resolveExpenseReference } from './expense/expense.reference.js';
import { ExpenseResolver } from './expense/expense.resolver.js';
import { ExpenseService } from './expense/expense.service.js';
import { Invoice } from './invoice/invoice.entity.js';
import { resolveInvoiceReference } from './invoice/invoice.reference.js';
import { InvoiceResolver } from './invoice/invoice.resolver.js';
import { InvoiceService } from './invoice/invoice.service.js';
import { migrations } from './migrations/index.js';
import type { FinanceServices } from './services.js';
import { expenseTrash, invoiceTrash } from './trash.js';

export const financeSubgraph = defineSubgraph<FinanceServices>({
  name: 'finance',
  description: 'Finance: invoices.',
  scope: 'finance',
  scopeDescription: 'invoices',
  nodeTypes: ['Expense', 'Invoice'],
  trash: [expenseTrash, invoiceTrash],
  // Invoices bill CRM contacts and deals; PDFs and receipts are stored as Files.
  dependsOn: ['identity', 'crm', 'files'],
  migrations,
  entities: [Expense, Invoice],
  resolvers: [ExpenseResolver, InvoiceResolver],
  references: {
    Expense: resolveExpenseReference,
    Invoice: resolveInvoiceReference,
    User: referenceAsIs,
  },
  emits: financeEvents,
  createServices({ db, authz, graph }) {
    return { db, authz, expenses: new ExpenseService(db, authz, graph), invoices: new InvoiceService(db, authz) };
  },
});
