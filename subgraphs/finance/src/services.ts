import type { Authorizer, Database } from '@cellgraph/kernel';
import type { ExpenseService } from './expense/expense.service.js';
import type { InvoiceService } from './invoice/invoice.service.js';
import type { RecurringInvoiceService } from './recurrence/recurring-invoice.service.js';
import type { ReportService } from './report/report.service.js';

/** What every resolver of the finance subgraph receives. */
export interface FinanceServices {
  db: Database;
  authz: Authorizer;
  expenses: ExpenseService;
  invoices: InvoiceService;
  recurringInvoices: RecurringInvoiceService;
  reports: ReportService;
}
