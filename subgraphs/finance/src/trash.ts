import type { TrashSpec } from '@cellgraph/kernel';

/** Invoices in the trash: deleted for good after 30 days, or by `invoicePurge`. */
export const invoiceTrash: TrashSpec = {
  type: 'Invoice',
  table: 'invoices',
  event: 'invoice',
};

/** Expenses in the trash: deleted for good after 30 days, or by `expensePurge`. */
export const expenseTrash: TrashSpec = {
  type: 'Expense',
  table: 'expenses',
  event: 'expense',
};
