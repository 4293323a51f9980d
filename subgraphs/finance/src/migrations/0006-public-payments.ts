import type { Migration } from '@cellgraph/kernel';

/*
 * Payments started by the invoice's customer from its public page (`publicInvoicePay`): no user
 * records them (`created_by` stays null), so the row names the delivery whose link the customer
 * paid through — the payment was initiated by the customer, and by which e-mail. Null for payments
 * a user started or recorded, and for those the provider's webhook recorded on its own. A delivery
 * goes only with its invoice, and the invoice's payments go with it.
 */
export const publicPayments: Migration = {
  id: '0006-public-payments',
  sql: `
ALTER TABLE finance.payments ADD COLUMN delivery_id uuid;
ALTER TABLE finance.payments
  ADD CONSTRAINT payments_delivery_fkey FOREIGN KEY (org_id, delivery_id) REFERENCES finance.invoice_deliveries (org_id, id);
CREATE INDEX payments_delivery_idx ON finance.payments (org_id, delivery_id) WHERE delivery_id IS NOT NULL;
`,
};
