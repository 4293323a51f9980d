import type { Authorizer, Database } from '@cellgraph/kernel';
import type { ExpenseService } from './expense/expense.service.js';
import type { InvoiceService } from './invoice/invoice.service.js';
import type { InvoicePublicService } from './invoice-send/invoice-public.service.js';
import type { InvoiceSendService } from './invoice-send/invoice-send.service.js';
import type { LocalPaymentProvider } from './payment/local-payment-provider.js';
import type { PaymentService } from './payment/payment.service.js';
import type { RecurringInvoiceService } from './recurrence/recurring-invoice.service.js';
import type { ReportService } from './report/report.service.js';

/** What every resolver of the finance subgraph receives. */
export interface FinanceServices {
  db: Database;
  authz: Authorizer;
  expenses: ExpenseService;
  invoices: InvoiceService;
  /** Sending invoices: PDF, e-mail, the public view by token (src/invoice-send). */
  sending: InvoiceSendService;
  /** The customer's side of a sent invoice: paying it and its PDF by token (src/invoice-send). */
  publicInvoices: InvoicePublicService;
  payments: PaymentService;
  /** The payment provider (the local simulator: it also serves the hosted payment page). */
  paymentProvider: LocalPaymentProvider;
  recurringInvoices: RecurringInvoiceService;
  reports: ReportService;
}
