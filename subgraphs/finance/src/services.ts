import type { Authorizer, Database } from '@cellgraph/kernel';
import type { ExpenseService } from './expense/expense.service.js';
import type { InvoiceService } from './invoice/invoice.service.js';
import type { InvoiceSendService } from './invoice-send/invoice-send.service.js';

/** What every resolver of the finance subgraph receives. */
export interface FinanceServices {
  db: Database;
  authz: Authorizer;
  expenses: ExpenseService;
  invoices: InvoiceService;
  /** Sending invoices: PDF, e-mail, the public view by token (src/invoice-send). */
  sending: InvoiceSendService;
}
