// The finance module's pages: one chunk, loaded when first needed.
export { InvoicesPage } from './InvoicesPage';
export { InvoicePage } from './InvoicePage';
export { ExpensesPage } from './ExpensesPage';
export { ReportsPage } from './ReportsPage';
export { ContactInvoicesWidget } from './ContactInvoicesWidget';
export { PublicInvoicePage } from './PublicInvoicePage';
