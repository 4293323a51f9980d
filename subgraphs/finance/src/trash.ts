import type { TrashSpec } from '@cellgraph/kernel';

/** Invoices in the trash: deleted for good after 30 days, or by `invoicePurge`. */
export const invoiceTrash: TrashSpec = {
  type: 'Invoice',
  table: 'invoices',
  event: 'invoice',
};
